package io.payonce.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench harness reads the tools' figures right (outputs captured from real runs); no timing is asserted here. */
class BenchHarnessTest {
    private static final String WRK = """
            Running 10s test @ http://127.0.0.1:38533
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   796.48ms  422.44ms   1.94s    62.12%
              194 requests in 10.10s, 101.72KB read
            Requests/sec:     19.21
            BENCH-WRK requests=194 duration_us=10100000 status_errors=2 socket_errors=1 p50_us=719000 p90_us=1300000 p99_us=1931000 p999_us=1936000 max_us=1940000
            """;
    private static final String PGBENCH = """
            pgbench (15.18 (Debian 15.18-0+deb12u1), server 17.11)
            transaction type: bench/create-payment.sql
            query mode: prepared
            number of clients: 16
            duration: 10 s
            number of transactions actually processed: 4763
            number of failed transactions: 0 (0.000%)
            latency average = 33.484 ms
            initial connection time = 91.423 ms
            tps = 477.836387 (without initial connection time)
            """;

    @Test
    void the_wrk_script_figures_become_throughput_errors_and_latency_percentiles() {
        WrkResult result = WrkResult.parse(WRK);

        assertThat(result.requests()).isEqualTo(194);
        assertThat(result.throughput()).isCloseTo(19.21, org.assertj.core.data.Offset.offset(0.01));
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.p50()).isEqualTo(Duration.ofMillis(719));
        assertThat(result.p99()).isEqualTo(Duration.ofMillis(1931));
        assertThat(result.p999()).isEqualTo(Duration.ofMillis(1936));
    }

    @Test
    void wrk_output_without_the_script_line_is_refused_with_the_output() {
        assertThatThrownBy(() -> WrkResult.parse("Requests/sec: 19.21")).hasMessageContaining("BENCH-WRK").hasMessageContaining("19.21");
    }

    @Test
    void pgbench_output_becomes_payments_per_second_and_failures() {
        PgbenchResult result = PgbenchResult.parse(PGBENCH);

        assertThat(result.scriptsPerSecond()).isEqualTo(477.836387);
        assertThat(result.processed()).isEqualTo(4763);
        assertThat(result.failed()).isZero();
    }

    @Test
    void an_aborted_pgbench_run_is_an_error_not_a_figure() {
        assertThatThrownBy(() -> PgbenchResult.parse(PGBENCH + "pgbench: error: Run was aborted; the above results are incomplete.\n"))
                .hasMessageContaining("aborted");
    }

    @Test
    void channel_queries_are_summed_over_every_status_of_the_simulator_payment_query() {
        Prometheus metrics = new Prometheus("""
                # HELP http_server_requests_seconds
                http_server_requests_seconds_count{error="none",method="GET",status="404",uri="/sim/api/payments/{paymentNo}"} 8
                http_server_requests_seconds_count{error="none",method="GET",status="200",uri="/sim/api/payments/{paymentNo}"} 13965
                http_server_requests_seconds_count{error="none",method="POST",status="200",uri="/sim/api/payments"} 5118
                http_server_requests_seconds_sum{error="none",method="GET",status="200",uri="/sim/api/payments/{paymentNo}"} 73.4
                payonce_sweeper_run_seconds_count 3
                """);

        assertThat(metrics.simQueries()).isEqualTo(13973);
        assertThat(metrics.sum("payonce_sweeper_run_seconds_count")).isEqualTo(3);
    }

    @Test
    void percentiles_are_nearest_rank_of_the_sample() {
        List<Double> hundred = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList();

        Percentiles percentiles = Percentiles.of(hundred);

        assertThat(percentiles.p50()).isEqualTo(50);
        assertThat(percentiles.p99()).isEqualTo(99);
        assertThat(percentiles.max()).isEqualTo(100);
        assertThat(Percentiles.of(List.of()).count()).isZero();
    }

    @Test
    void the_ratio_verdict_is_the_median_of_the_rounds_so_one_lucky_round_does_not_decide_it() {
        assertThat(PhysicalLimit.median(List.of(0.50, 0.59, 0.42))).isEqualTo(0.50);
        assertThat(PhysicalLimit.median(List.of(0.71, 0.60, 0.58, 0.64))).isEqualTo(0.62, org.assertj.core.data.Offset.offset(1e-9));
    }
}
