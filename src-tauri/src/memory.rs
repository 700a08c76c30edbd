//! Memory a cold computation freed, given back to the system.
//!
//! Working out every account's standing on a 52,000-invoice book reads all
//! its facts at once (about 30 MiB) and keeps only the answer (about 17
//! MiB). glibc's allocator keeps what was freed in the arena of the thread
//! that freed it, for that thread's next allocation; Tauri runs each command
//! on a pool thread, so every thread that ever did a cold computation would
//! hold its own high-water mark for as long as Duly stays open. The window
//! stays open all day, so after a command that took long enough to have
//! done such work, the freed pages are returned.

use std::time::Duration;

/// A command that took this long did a cold computation (reading the whole
/// book); one answered from the memo takes a millisecond or two.
pub const COLD: Duration = Duration::from_millis(25);

/// Returns the free memory at the top and in the middle of every arena to
/// the system (glibc's `malloc_trim`: about a millisecond on a large
/// book's heap).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn give_back() {
    // SAFETY: malloc_trim takes no pointers and only walks glibc's own
    // free lists, under its own locks; it is safe to call from any thread
    // at any time.
    #[allow(unsafe_code)]
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Other systems' allocators (macOS's, Windows' heap, musl's) return freed
/// pages themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn give_back() {}
