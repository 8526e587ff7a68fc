package io.payonce.channel.alipay;

/** The buyer's pages of the protocol server: the cashier (log in or scan, then pay) and its outcomes. */
final class AlipayServerPages {
    private AlipayServerPages() {}

    static String cashier(AlipayServerLedger.Trade trade) {
        return page("支付宝 收银台", """
                <p>订单 <span id="out_trade_no">%s</span> · <span id="subject">%s</span> · ¥<span id="total_amount">%s</span></p>
                <p>扫码或登录后付款, until <span id="time_expire">%s</span> (UTC+8)</p>
                <form method="post" action="/cashier/pay"><input type="hidden" name="out_trade_no" value="%s">
                <button id="pay" type="submit">确认付款</button></form>""".formatted(escape(trade.outTradeNo), escape(trade.subject),
                trade.total.toPlainString(), AlipayTime.format(trade.timeExpire), escape(trade.outTradeNo)));
    }

    static String paid(AlipayServerLedger.Trade trade) {
        String back = trade.returnUrl == null ? "" : "<a id=\"return\" href=\"" + escape(trade.returnUrl) + "\">返回商家</a>";
        return page("付款成功", "<p id=\"paid\">付款成功 " + escape(trade.tradeNo) + "</p>" + back);
    }

    static String error(String reason) {
        return page("错误", "<p id=\"error\">" + escape(reason) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1>" + body + "</body></html>";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
