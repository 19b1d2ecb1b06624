package com.example.increment.bench;

import java.time.Duration;

import com.example.increment.scenarios.ClusterOperation;

/**
 * One cell of the operations matrix: what an operation cost the sequences it moved and the others, at one rebalance
 * delay.
 *
 * @param movedOutage the longest pause of a sequence whose task the operation moved
 * @param otherOutage the longest pause of the others (zero when it moved every sequence)
 * @param took        from the operation's start until every pod or process it restarted was back
 */
public record OperationResult(ClusterOperation operation, Duration rebalanceDelay, Duration movedOutage,
                              Duration otherOutage, long duplicates, long missing, Duration took) {
}
