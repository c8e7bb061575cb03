package com.referralloop.chat.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Connects to Slack over Socket Mode when an app-level token is set (no public URL needed), with
 * the Java-WebSocket backend and automatic reconnection; does nothing in HTTP mode.
 */
final class SlackSocketMode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);

    private final SlackProperties props;
    private final App app;
    private volatile SocketModeApp socketModeApp;

    SlackSocketMode(SlackProperties props, App app) {
        this.props = props;
        this.app = app;
    }

    @Override
    public void start() {
        if (!props.socketMode()) {
            return;
        }
        try {
            // this constructor wires Bolt's envelope listeners; one taking a ready client would not
            SocketModeApp s = new SocketModeApp(props.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
            s.startAsync();
            s.getClient().setAutoReconnectEnabled(true);
            s.getClient().setAutoReconnectOnCloseEnabled(true);
            socketModeApp = s;
            log.info("Slack Socket Mode connected");
        } catch (Exception e) {
            // the rest of the bot keeps working; deliveries still go out through the Web API
            log.error("Slack Socket Mode could not connect: {}. Check SLACK_APP_TOKEN (xapp-…, connections:write).", e.toString());
        }
    }

    @Override
    public void stop() {
        SocketModeApp s = socketModeApp;
        socketModeApp = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                log.debug("Socket Mode close: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return socketModeApp != null;
    }
}
