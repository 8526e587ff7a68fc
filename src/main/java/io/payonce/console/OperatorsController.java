package io.payonce.console;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console users (admins only): list, add an ADMIN or OPERATOR, unlock one locked out by failed sign-ins. */
@Controller
class OperatorsController {
    record NewOperator(String username, String role, String password) {}

    private final Operators operators;

    OperatorsController(Operators operators) {
        this.operators = operators;
    }

    @GetMapping("/console/operators")
    String list(Model model) {
        return page(model, new NewOperator("", Role.OPERATOR.name(), ""), Map.of());
    }

    @PostMapping("/console/operators")
    String create(@ModelAttribute NewOperator form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        String username = form.username() == null ? "" : form.username().trim();
        if (!Operators.USERNAME.matcher(username).matches()) {
            errors.put("username", "use 3 to 64 of a-z 0-9 . _ -, starting with a letter or digit");
        }
        if (form.role() == null || !(form.role().equals("ADMIN") || form.role().equals("OPERATOR"))) {
            errors.put("role", "must be ADMIN or OPERATOR");
        }
        String password = form.password() == null ? "" : form.password();
        if (password.length() < Operators.MIN_PASSWORD_LENGTH || password.length() > Operators.MAX_PASSWORD_LENGTH) {
            errors.put("password", "must be " + Operators.MIN_PASSWORD_LENGTH + " to " + Operators.MAX_PASSWORD_LENGTH + " characters");
        }
        if (errors.isEmpty() && !operators.create(username, password, Role.valueOf(form.role()))) {
            errors.put("username", "is taken");
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return page(model, new NewOperator(form.username(), form.role(), ""), errors);
        }
        redirect.addFlashAttribute("notice", "Operator " + username + " added as " + form.role() + ".");
        return "redirect:/console/operators";
    }

    @PostMapping("/console/operators/{username}/unlock")
    String unlock(@PathVariable String username, RedirectAttributes redirect) {
        operators.unlock(username);
        redirect.addFlashAttribute("notice", "Operator " + username + " unlocked.");
        return "redirect:/console/operators";
    }

    private String page(Model model, NewOperator form, Map<String, String> errors) {
        model.addAttribute("operators", operators.all());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/operators";
    }
}
