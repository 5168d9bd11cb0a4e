//! Memory given back to the operating system (issue #7: a terminal session
//! within 64 MB on a 1M-people database). glibc's allocator keeps memory
//! freed on a thread in that thread's arena: a skills pass over a million rows
//! frees tens of MB of pages of rows that the process would otherwise keep
//! (106 MiB held after a pass at 1M without trims, 66 MiB with them). Fixing
//! the mmap threshold and the number of arenas as well was tried and raised
//! the peaks (docs/performance.md), so only trims are used. Elsewhere than
//! Linux with glibc this does nothing.

/// Returns the free memory of every arena to the operating system.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
