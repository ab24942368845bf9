//! Prometheus metrics: requests and latency by route, and the database pool.
//! Small enough to keep by hand, which keeps a dependency tree out of the server.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// (method, status) -> latency series, for one route.
type RouteSeries = BTreeMap<(&'static str, u16), Series>;

#[derive(Default)]
pub struct Metrics {
    // route -> (method, status) -> latency series. Keyed by route first so that the hot
    // path finds an existing series without allocating.
    requests: Mutex<BTreeMap<String, RouteSeries>>,
}

impl Metrics {
    pub fn observe(&self, method: &'static str, route: &str, status: u16, secs: f64) {
        let mut map = self.requests.lock().expect("metrics lock");
        if !map.contains_key(route) {
            map.insert(route.to_string(), BTreeMap::new());
        }
        let s = map
            .get_mut(route)
            .expect("inserted above")
            .entry((method, status))
            .or_default();
        s.count += 1;
        s.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                s.buckets[i] += 1;
            }
        }
    }

    pub fn render(&self, pool: &hearth_store::Pool) -> String {
        let mut out = String::new();
        let map = self.requests.lock().expect("metrics lock");
        out.push_str(
            "# HELP hearth_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE hearth_http_requests_total counter\n");
        for ((r, (m, st)), s) in map
            .iter()
            .flat_map(|(r, per)| per.iter().map(move |(k, s)| ((r, k), s)))
        {
            let _ = writeln!(
                out,
                "hearth_http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{st}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP hearth_http_request_duration_seconds Time to answer, by method and route.\n",
        );
        out.push_str("# TYPE hearth_http_request_duration_seconds histogram\n");
        let mut by_route: BTreeMap<(&str, &str), (u64, f64, [u64; BUCKETS.len()])> =
            BTreeMap::new();
        for ((r, (m, _)), s) in map
            .iter()
            .flat_map(|(r, per)| per.iter().map(move |(k, s)| ((r, k), s)))
        {
            let e = by_route
                .entry((m, r))
                .or_insert((0, 0.0, [0; BUCKETS.len()]));
            e.0 += s.count;
            e.1 += s.sum;
            for i in 0..BUCKETS.len() {
                e.2[i] += s.buckets[i];
            }
        }
        for ((m, r), (count, sum, buckets)) in by_route {
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(out, "hearth_http_request_duration_seconds_bucket{{method=\"{m}\",route=\"{r}\",le=\"{b}\"}} {}", buckets[i]);
            }
            let _ = writeln!(out, "hearth_http_request_duration_seconds_bucket{{method=\"{m}\",route=\"{r}\",le=\"+Inf\"}} {count}");
            let _ = writeln!(
                out,
                "hearth_http_request_duration_seconds_sum{{method=\"{m}\",route=\"{r}\"}} {sum}"
            );
            let _ = writeln!(out, "hearth_http_request_duration_seconds_count{{method=\"{m}\",route=\"{r}\"}} {count}");
        }
        let st = pool.state();
        out.push_str("# HELP hearth_db_pool_connections Database pool connections.\n");
        out.push_str("# TYPE hearth_db_pool_connections gauge\n");
        let _ = writeln!(
            out,
            "hearth_db_pool_connections{{state=\"idle\"}} {}",
            st.idle_connections
        );
        let _ = writeln!(
            out,
            "hearth_db_pool_connections{{state=\"in_use\"}} {}",
            st.connections - st.idle_connections
        );
        let _ = writeln!(out, "hearth_db_pool_max_connections {}", pool.max_size());
        out
    }
}
