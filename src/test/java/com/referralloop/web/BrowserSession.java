package com.referralloop.web;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** One headless Chromium per browser test class (register it as a static extension), and the page helpers they share. */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback {

    private WebDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        driver = Chromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads a dashboard URL over loopback and waits until dashboard.js has drawn its charts. */
    void openDashboard(int port, String pathAndQuery) {
        driver.get("http://127.0.0.1:" + port + pathAndQuery);
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-charts-ready") != null);
    }

    /** The visible text of the element with this data-testid, white space collapsed. */
    String text(String testId) {
        return driver.findElement(By.cssSelector("[data-testid=" + testId + "]")).getText().trim().replaceAll("\\s+", " ");
    }
}
