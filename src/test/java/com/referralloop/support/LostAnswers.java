package com.referralloop.support;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The answers a stub of an outside API loses, each once: the stub applies the request (the API committed it),
 * then answers 500 instead, as when the real answer is lost (a timeout, a 500 after the commit, a crash before
 * the caller recorded it). An at-least-once caller then tries again.
 */
public final class LostAnswers {

    private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();

    /** Loses the answer to the next request of this method whose path matches {@code pathRegex}. */
    public void loseNext(String method, String pathRegex) {
        calls.add(method + " " + pathRegex);
    }

    /** Whether this request's answer is to be lost (each registration is used once). */
    public boolean take(String method, String path) {
        for (String call : calls) {
            int space = call.indexOf(' ');
            if (call.substring(0, space).equals(method) && Pattern.matches(call.substring(space + 1), path) && calls.remove(call)) {
                return true;
            }
        }
        return false;
    }

    public void clear() {
        calls.clear();
    }
}
