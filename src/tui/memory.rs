//! Memory given back to the operating system (issue #7: a terminal session
//! within 64 MB on a 1M-people database). glibc's allocator keeps memory that
//! was freed on a thread in that thread's arena, and after freeing one large
//! block it serves the next large ones from the arenas too (its "dynamic mmap
//! threshold"): a skills pass over a million rows frees tens of MB of pages
//! of rows that the process would otherwise keep. So large blocks always get
//! their own mapping (returned when freed), at most two arenas serve the job
//! threads, and each pass ends with a trim. Elsewhere these do nothing.

/// Sets the allocator up; call once at start of the terminal app. Not in
/// `certlink serve`: two arenas for many sessions' threads would make them
/// wait on each other; the trims after each pass apply there too.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before
    // the app's threads allocate, and a refused value leaves the default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Returns the free memory of every arena to the operating system.
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}
