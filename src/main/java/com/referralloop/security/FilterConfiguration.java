package com.referralloop.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the request filters on the paths they guard. */
@Configuration(proxyBeanMethods = false)
class FilterConfiguration {

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ApiProperties props) {
        var bean = new FilterRegistrationBean<>(new BodySizeLimitFilter(props.maxBodyBytes()));
        bean.addUrlPatterns("/webhooks/*", "/api/*", "/slack/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return bean;
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiProperties props,
                                                          com.referralloop.store.StoreProperties store) {
        var bean = new FilterRegistrationBean<>(new ApiTokenFilter(props, store.embedded()));
        bean.addUrlPatterns("/api/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }
}
