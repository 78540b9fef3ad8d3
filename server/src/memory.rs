//! Starting up (migrations, the demo's seed of a year of history, building the router) allocates
//! and frees some 20 MB that glibc's allocator keeps for later rather than handing back, so an
//! idle server would sit at twice the memory it needs (issue 11's idle budget is 40 MB). Once
//! that work is done, the freed pages go back to the system.

/// Returns freed heap memory to the system (glibc on Linux; elsewhere nothing to do).
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and only releases pages that hold no allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
