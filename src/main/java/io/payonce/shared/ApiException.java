package io.payonce.shared;

/**
 * A refusal that reaches an HTTP client as {"error":{"code","message"}}. Domain code returns
 * refusals as values; only the web edge turns them into this exception.
 */
public class ApiException extends RuntimeException {
    private final int httpStatus;
    private final String code;

    public ApiException(int httpStatus, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public static ApiException invalid(String field, String reason) {
        return new ApiException(400, "invalid_request", field + ": " + reason);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    public int httpStatus() { return httpStatus; }

    public String code() { return code; }
}
