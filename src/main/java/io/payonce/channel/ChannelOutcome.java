package io.payonce.channel;

/**
 * The only four answers a channel call can give us. UNKNOWN is every timeout, exception, lost
 * reply or rate limit: the channel may or may not have acted, and only a later query or a
 * verified callback decides. UNKNOWN is never treated as FAILED.
 */
public enum ChannelOutcome {
    SUCCEEDED,
    FAILED,
    PENDING,
    UNKNOWN
}
