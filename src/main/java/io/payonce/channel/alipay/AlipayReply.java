package io.payonce.channel.alipay;

import com.alipay.api.AlipayResponse;
import java.util.Set;

/**
 * One answer from the Alipay gateway, already verified by the SDK (its signature over the
 * response object, with Alipay's public key), or why there is none. Classifies the answer the
 * way every mapping needs it: done, refused by the business layer (sub_code), refused before the
 * business layer (our request was not accepted at all), or no usable answer.
 */
record AlipayReply<T extends AlipayResponse>(T response, String failure) {
    /** Gateway codes that refuse the request itself (credentials, signature, arguments, permission). */
    private static final Set<String> REQUEST_REFUSED = Set.of("20001", "40001", "40002", "40003", "40006");

    static <T extends AlipayResponse> AlipayReply<T> of(T response) {
        return new AlipayReply<>(response, null);
    }

    static <T extends AlipayResponse> AlipayReply<T> none(String failure) {
        return new AlipayReply<>(null, failure);
    }

    /** code 10000 and no sub_code. */
    boolean ok() {
        return response != null && response.isSuccess() && "10000".equals(response.getCode());
    }

    /** A business answer (40004) with this sub_code. */
    boolean refusedWith(String subCode) {
        return response != null && "40004".equals(response.getCode()) && subCode.equals(response.getSubCode());
    }

    /** 40004 Business Failed, except system errors, which decide nothing. */
    boolean businessRefusal() {
        return response != null && "40004".equals(response.getCode()) && !busy();
    }

    /** The request was refused before any business happened: bad signature, app id, argument or permission. */
    boolean requestRefused() {
        return response != null && REQUEST_REFUSED.contains(response.getCode());
    }

    /** Alipay is busy or failed inside (20000, isp.*, aop.*, ACQ.SYSTEM_ERROR): the outcome is unknown. */
    boolean busy() {
        if (response == null) return false;
        String subCode = response.getSubCode() == null ? "" : response.getSubCode();
        return "20000".equals(response.getCode()) || subCode.startsWith("isp.") || subCode.startsWith("aop.")
                || subCode.equals("ACQ.SYSTEM_ERROR");
    }

    String subCode() {
        return response == null ? null : response.getSubCode();
    }

    String describe() {
        if (response == null) return failure;
        return "code " + response.getCode() + (response.getSubCode() != null ? " " + response.getSubCode() : "")
                + (response.getSubMsg() != null ? ": " + response.getSubMsg() : response.getMsg() != null ? ": " + response.getMsg() : "");
    }
}
