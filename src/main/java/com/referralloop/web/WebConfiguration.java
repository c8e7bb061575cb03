package com.referralloop.web;

import com.referralloop.security.ApiProperties;
import com.referralloop.store.StoreProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the login rule in front of the pages; webjars, CSS and the OpenAPI description carry no personal data. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<WebAccessFilter> webAccessFilter(WebProperties web, ApiProperties api, StoreProperties store) {
        var bean = new FilterRegistrationBean<>(new WebAccessFilter(web, api, store.embedded()));
        bean.addUrlPatterns("/", "/playground", "/playground/*", "/dashboard", "/dashboard/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return bean;
    }
}
