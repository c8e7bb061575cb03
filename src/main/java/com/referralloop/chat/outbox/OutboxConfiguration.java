package com.referralloop.chat.outbox;

import com.referralloop.store.EmbeddedStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the worker and its trigger. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    OutboxWorker outboxWorker(MongoTemplate mongo, Clock clock, OutboxProperties props, List<ChatSender> senders,
                              ApplicationEventPublisher events, OutboxMetrics metrics, EmbeddedStore store) {
        return new OutboxWorker(mongo, clock, props, senders, events, metrics, store.leaseWriteConcern());
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService outboxExecutor(OutboxProperties props) {
        // one thread per lane, and one for the poll (retries, other instances' messages, expired leases)
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(props.threads() + 1, r -> {
            Thread t = new Thread(r, "outbox-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
