package com.example.increment.local.process;

import com.example.increment.local.KafkaBroker;
import com.example.increment.local.LocalClusterSettings;

/** A stand-in owner for {@link OwnerDeathTest}: starts a broker, prints its PID, then waits to be killed. */
public final class BrokerOwnerMain {

    private BrokerOwnerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalClusterSettings s = LocalClusterSettings.ephemeral("owner-death-test", 0);
        KafkaBroker broker = new KafkaBroker(s.dataDir(), s.logDir(), s.brokerPort(), s.controllerPort(), "256m",
                KafkaRuntime.locate());
        broker.start();
        System.out.println("BROKER_PID " + broker.process().pid() + " LOG " + broker.process().logFile());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
