package com.referralloop.privacy;

import com.referralloop.audit.AuditLog;
import com.referralloop.security.ApiCaller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every CSV export (personal data: referrers' and referred people's emails) leaves an audit entry with who
 * took it: the API caller, or the web page's login (its user name, never the password), and the address.
 * Runs after the access filters, so only exports that were served are recorded, with their status.
 */
@Configuration(proxyBeanMethods = false)
class CsvExportAudit {

    static final String ACTION = "EXPORT_CSV";

    @Bean
    FilterRegistrationBean<Filter> csvExportAuditFilter(AuditLog audit) {
        var bean = new FilterRegistrationBean<>(new Filter(audit));
        bean.addUrlPatterns("/api/referrals.csv", "/dashboard/referrals.csv");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return bean;
    }

    static final class Filter extends OncePerRequestFilter {

        private final AuditLog audit;

        Filter(AuditLog audit) {
            this.audit = audit;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            if (response.getStatus() < 400) {
                String query = request.getQueryString();
                audit.record(ACTION, request.getRequestURI() + (query == null ? "" : "?" + query), caller(request), null,
                        "HTTP " + response.getStatus());
            }
        }

        static String caller(HttpServletRequest request) {
            if (request.getRequestURI().startsWith("/api/")) {
                return ApiCaller.of(request).describe(request);
            }
            String header = request.getHeader("Authorization");
            String user = "loopback";
            if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    user = "login " + decoded.substring(0, Math.max(0, decoded.indexOf(':')));
                } catch (IllegalArgumentException e) {
                    user = "login (unreadable)";
                }
            } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                user = "full token";
            }
            return "web:" + user + " from " + request.getRemoteAddr();
        }
    }
}
