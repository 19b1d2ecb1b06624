package com.example.increment.bench;

import java.time.Duration;

/**
 * How long the sequences stood still in one failover case, from record timestamps (the longest time between
 * consecutive records of a sequence from the loss on).
 *
 * @param rebalanceDelay the workers' {@code scheduled.rebalance.max.delay.ms}
 * @param killedSide     sequences whose task ran on the killed worker
 * @param otherSide      sequences whose task ran on the surviving worker (empty stats when none did)
 */
public record FailoverResult(FailoverBench.Case failoverCase, Duration rebalanceDelay, Stats killedSide,
                             Stats otherSide) {
}
