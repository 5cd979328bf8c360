//! The workers: up to `jobs` targets at once over std threads, at most
//! `jobs_per_server` of them on one server, and no new target started once
//! the run is told to stop (too many failures, or Ctrl-C).

use super::target::FleetTarget;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// How the pool is bounded and when it stops.
pub struct PoolLimits<'a> {
    pub jobs: usize,
    /// Connections at once to one server (None: `jobs`).
    pub jobs_per_server: Option<usize>,
    /// Set by the caller's `finished` to stop starting targets.
    pub stop: &'a AtomicBool,
}

/// Runs `work` on every target not skipped, `jobs` at a time, handing each
/// result to `finished` (on the worker's thread) as it comes; returns the
/// results in target order, None for a target never started.
pub fn run_pool<T: Send>(
    targets: &[FleetTarget],
    limits: &PoolLimits<'_>,
    work: &(dyn Fn(usize, &FleetTarget) -> T + Sync),
    finished: &(dyn Fn(&T) + Sync),
) -> Vec<Option<T>> {
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..targets.len()).map(|_| None).collect());
    let next = AtomicUsize::new(0);
    let servers = ServerSlots::new(limits.jobs_per_server);
    let workers = limits.jobs.clamp(1, targets.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if limits.stop.load(Ordering::SeqCst) {
                    return;
                }
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(target) = targets.get(index) else {
                    return;
                };
                let key = target.server_key();
                servers.acquire(&key);
                // A stop may have come while waiting for the server.
                if limits.stop.load(Ordering::SeqCst) {
                    servers.release(&key);
                    return;
                }
                let result = work(index, target);
                servers.release(&key);
                finished(&result);
                lock(&results)[index] = Some(result);
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A counting semaphore per server.
struct ServerSlots {
    limit: Option<usize>,
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl ServerSlots {
    fn new(limit: Option<usize>) -> ServerSlots {
        ServerSlots {
            limit,
            busy: Mutex::new(HashMap::new()),
            freed: Condvar::new(),
        }
    }

    /// Waits until the server has a free slot, and takes it. A slot is
    /// freed when a target ends, which every target does (each connection
    /// and lock wait has its own limit), so the wait is bounded by them.
    fn acquire(&self, key: &str) {
        let Some(limit) = self.limit else {
            return;
        };
        let mut busy = lock(&self.busy);
        while busy.get(key).copied().unwrap_or(0) >= limit {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy.entry(key.to_string()).or_insert(0) += 1;
    }

    fn release(&self, key: &str) {
        if self.limit.is_none() {
            return;
        }
        let mut busy = lock(&self.busy);
        if let Some(n) = busy.get_mut(key) {
            *n = n.saturating_sub(1);
        }
        self.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::DatabaseUrl;
    use std::time::Duration;

    fn targets(n: usize, servers: usize) -> Vec<FleetTarget> {
        (0..n)
            .map(|i| {
                let url = format!("postgresql://h:{}/db{i}", 5000 + i % servers);
                FleetTarget::new(DatabaseUrl::parse(&url).unwrap(), None)
            })
            .collect()
    }

    /// Counts the most workers busy at once, overall and on one server.
    #[test]
    fn jobs_and_per_server_limits_hold() {
        let targets = targets(24, 2);
        let stop = AtomicBool::new(false);
        let running = Mutex::new(HashMap::<String, usize>::new());
        let peak_total = AtomicUsize::new(0);
        let peak_server = AtomicUsize::new(0);
        let work = |_: usize, t: &FleetTarget| {
            {
                let mut r = lock(&running);
                *r.entry(t.server_key()).or_insert(0) += 1;
                let total: usize = r.values().sum();
                peak_total.fetch_max(total, Ordering::SeqCst);
                peak_server.fetch_max(r[&t.server_key()], Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(5));
            *lock(&running).get_mut(&t.server_key()).unwrap() -= 1;
            1
        };
        let limits = PoolLimits {
            jobs: 6,
            jobs_per_server: Some(2),
            stop: &stop,
        };
        let results = run_pool(&targets, &limits, &work, &|_| {});
        assert!(results.iter().all(|r| *r == Some(1)));
        assert!(peak_total.load(Ordering::SeqCst) <= 4);
        assert_eq!(peak_server.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_stop_leaves_the_rest_unstarted() {
        let targets = targets(50, 1);
        let stop = AtomicBool::new(false);
        let limits = PoolLimits {
            jobs: 1,
            jobs_per_server: None,
            stop: &stop,
        };
        let results = run_pool(&targets, &limits, &|i, _| i, &|i| {
            if *i == 9 {
                stop.store(true, Ordering::SeqCst);
            }
        });
        assert_eq!(results.iter().filter(|r| r.is_some()).count(), 10);
        assert!(results[10..].iter().all(Option::is_none));
    }
}
