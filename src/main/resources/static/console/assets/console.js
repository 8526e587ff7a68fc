// PayOnce console: a little progressive enhancement; every page works without it.
document.addEventListener('DOMContentLoaded', () => {
  // Forms that change something irreversible ask first (rotating keys and secrets).
  document.querySelectorAll('form[data-confirm]').forEach(form => {
    form.addEventListener('submit', event => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // Dashboard filters apply as soon as they change.
  document.querySelectorAll('form[data-autosubmit] select').forEach(select => {
    select.addEventListener('change', () => select.form.submit());
  });
  // Optional auto-refresh of the dashboard, remembered in this browser.
  const refresh = document.getElementById('auto-refresh');
  if (refresh) {
    refresh.checked = localStorage.getItem('payonce.console.refresh') === 'on';
    let timer = null;
    const apply = () => {
      localStorage.setItem('payonce.console.refresh', refresh.checked ? 'on' : 'off');
      clearInterval(timer);
      if (refresh.checked) timer = setInterval(() => location.reload(), 30000);
    };
    refresh.addEventListener('change', apply);
    apply();
  }
});
