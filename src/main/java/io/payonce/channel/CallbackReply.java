package io.payonce.channel;

public record CallbackReply(int httpStatus, String contentType, String body) {}
