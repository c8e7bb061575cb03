package com.referralloop.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over the limit with 413: at once when Content-Length says so, and while reading
 * when the body is chunked, so a huge upload never fills the heap.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long limit;

    public BodySizeLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            reject(response);
            return;
        }
        try {
            chain.doFilter(new Limited(request, limit), response);
        } catch (BodyTooLargeException | ServletException e) {
            if (e instanceof BodyTooLargeException || e.getCause() instanceof BodyTooLargeException
                    || (e.getCause() != null && e.getCause().getCause() instanceof BodyTooLargeException)) {
                if (!response.isCommitted()) {
                    response.reset();
                    reject(response);
                }
                return;
            }
            throw e;
        }
    }

    private void reject(HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"request body is larger than " + limit + " bytes\"}");
    }

    /** Thrown while reading a body past the limit; the MVC error handler maps it to 413 when it arrives wrapped. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body too large");
        }

        /** True when {@code e} or one of its causes is this exception. */
        public static boolean isCauseOf(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++read > limit) {
                            throw new BodyTooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (read += n) > limit) {
                            throw new BodyTooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
