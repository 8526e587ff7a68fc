package io.payonce.simulator;

/** A refusal of the simulator's API; leaves as {"error":"code","message":"..."} (the PSP's own wire format). */
class SimRefusal extends RuntimeException {
    private final int httpStatus;
    private final String code;

    SimRefusal(int httpStatus, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    int httpStatus() { return httpStatus; }

    String code() { return code; }
}
