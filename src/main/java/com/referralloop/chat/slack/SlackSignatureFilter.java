package com.referralloop.chat.slack;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Verifies every request to {@code /slack/events} before Bolt sees it: reads the raw body once,
 * checks timestamp and signature, and hands Bolt the same bytes. A refused request gets 401 and
 * reaches no handler, so nothing is stored.
 */
class SlackSignatureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);

    private final SlackRequestVerifier verifier;
    private final Clock clock;

    SlackSignatureFilter(SlackRequestVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String problem = verifier.problem(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"), body, clock.instant());
        if (problem != null) {
            log.warn("Slack request refused: {}", problem);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"invalid request\"}");
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    /** The request with its body readable again, byte for byte. */
    static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding();
            Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), cs));
        }
    }
}
