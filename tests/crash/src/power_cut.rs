//! A SQLite VFS that loses what a power cut loses.
//!
//! It wraps the system's VFS and keeps every write to a book or its WAL in
//! this process's memory until SQLite syncs that file (`xSync`): only then
//! do the writes reach the file, in order, followed by a real sync. Reads
//! see the writes still pending, as they would through the OS page cache.
//! So when the process is killed with SIGKILL, every write not yet synced
//! is gone, exactly as after a power cut, and everything synced is on disk.
//!
//! What it does not model: directory entries (a created or deleted file is
//! so at once) and torn sector writes (a synced write lands whole). The
//! `-shm` index and temporary files pass straight through: SQLite rebuilds
//! the index from the WAL when a book is opened after a crash.
//!
//! It can also play a full disk: [`set_free_space`] gives the book and its
//! WAL only so many bytes to grow into, and a write past them fails with
//! `SQLITE_FULL`, as the system VFS reports `ENOSPC`.
//!
//! Register it once with [`register`], then open the book on [`NAME`].

use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Once;

use rusqlite::ffi;

/// The name to open a book on (`Book::open_on_vfs`).
pub const NAME: &CStr = c"duly-power-cut";

/// Registers the VFS (once per process) on top of the default one.
pub fn register() -> Result<(), String> {
    static ONCE: Once = Once::new();
    static mut RESULT: c_int = ffi::SQLITE_OK;
    ONCE.call_once(|| {
        // SAFETY: sqlite3_vfs_find returns a pointer that lives for the
        // process; the VFS built from it is leaked so it lives as long.
        unsafe {
            let base = ffi::sqlite3_vfs_find(ptr::null());
            if base.is_null() {
                RESULT = ffi::SQLITE_ERROR;
                return;
            }
            let vfs = Box::new(ffi::sqlite3_vfs {
                iVersion: 1,
                szOsFile: std::mem::size_of::<File>() as c_int,
                mxPathname: (*base).mxPathname,
                pNext: ptr::null_mut(),
                zName: NAME.as_ptr(),
                pAppData: base.cast(),
                xOpen: Some(open),
                xDelete: Some(delete),
                xAccess: Some(access),
                xFullPathname: Some(full_pathname),
                xDlOpen: None,
                xDlError: None,
                xDlSym: None,
                xDlClose: None,
                xRandomness: Some(randomness),
                xSleep: Some(sleep),
                xCurrentTime: Some(current_time),
                xGetLastError: None,
                xCurrentTimeInt64: None,
                xSetSystemCall: None,
                xGetSystemCall: None,
                xNextSystemCall: None,
            });
            RESULT = ffi::sqlite3_vfs_register(Box::into_raw(vfs), 0);
        }
    });
    // SAFETY: written only inside call_once, which has completed.
    match unsafe { RESULT } {
        ffi::SQLITE_OK => Ok(()),
        code => Err(format!("could not register the power-cut VFS ({code})")),
    }
}

/// Bytes the book and its WAL may still grow by; negative: no limit.
static FREE_SPACE: AtomicI64 = AtomicI64::new(-1);

/// Leaves the disk `bytes` free for the book and its WAL to grow into
/// (`None`: as much as the real disk has). Shared by every book on this VFS
/// in this process, like one disk.
pub fn set_free_space(bytes: Option<u64>) {
    let value = bytes.map_or(-1, |b| i64::try_from(b).unwrap_or(i64::MAX));
    FREE_SPACE.store(value, Ordering::SeqCst);
}

/// Takes the room a write growing a file from `size` to `end` needs from the
/// free space; false (and nothing taken) when there is not that much.
fn take_room(size: i64, end: i64) -> bool {
    let growth = end - size;
    if growth <= 0 {
        return true;
    }
    FREE_SPACE
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |free| {
            if free < 0 {
                Some(free)
            } else if free >= growth {
                Some(free - growth)
            } else {
                None
            }
        })
        .is_ok()
}

/// Gives back what a truncation frees, when there is a limit.
fn give_room(size: i64, to: i64) {
    let freed = size - to;
    if freed > 0 {
        let _ = FREE_SPACE.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |free| {
            (free >= 0).then_some(free + freed)
        });
    }
}

/// A change not yet synced, in the order SQLite made it.
enum Pending {
    Write { offset: i64, data: Vec<u8> },
    Truncate { size: i64 },
}

/// An open file: `sqlite3_file` first (SQLite reads `pMethods` there), then
/// the system VFS's file, and the writes held back (`None`: passed through).
#[repr(C)]
struct File {
    base: ffi::sqlite3_file,
    inner: *mut ffi::sqlite3_file,
    inner_size: usize,
    pending: Option<Vec<Pending>>,
}

unsafe fn base_vfs(vfs: *mut ffi::sqlite3_vfs) -> *mut ffi::sqlite3_vfs {
    (*vfs).pAppData.cast()
}

unsafe fn inner(file: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
    (*file.cast::<File>()).inner
}

unsafe fn methods(file: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
    &*(*inner(file)).pMethods
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 2,
    xClose: Some(close),
    xRead: Some(read),
    xWrite: Some(write),
    xTruncate: Some(truncate),
    xSync: Some(sync),
    xFileSize: Some(file_size),
    xLock: Some(lock),
    xUnlock: Some(unlock),
    xCheckReservedLock: Some(check_reserved_lock),
    xFileControl: Some(file_control),
    xSectorSize: Some(sector_size),
    xDeviceCharacteristics: Some(device_characteristics),
    xShmMap: Some(shm_map),
    xShmLock: Some(shm_lock),
    xShmBarrier: Some(shm_barrier),
    xShmUnmap: Some(shm_unmap),
    xFetch: None,
    xUnfetch: None,
};

unsafe extern "C" fn open(
    vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let base = base_vfs(vfs);
    let size = (*base).szOsFile as usize;
    // u64 words keep the system VFS's file aligned.
    let words = vec![0u64; size.div_ceil(8).max(1)].into_boxed_slice();
    let inner = Box::into_raw(words).cast::<ffi::sqlite3_file>();
    let our = file.cast::<File>();
    (*our).base.pMethods = ptr::null();
    let Some(x_open) = (*base).xOpen else {
        return ffi::SQLITE_ERROR;
    };
    let rc = x_open(base, name, inner, flags, out_flags);
    if rc != ffi::SQLITE_OK || (*inner).pMethods.is_null() {
        drop(Box::from_raw(ptr::slice_from_raw_parts_mut(
            inner.cast::<u64>(),
            size.div_ceil(8).max(1),
        )));
        return if rc == ffi::SQLITE_OK {
            ffi::SQLITE_ERROR
        } else {
            rc
        };
    }
    let durable = flags & (ffi::SQLITE_OPEN_MAIN_DB | ffi::SQLITE_OPEN_WAL) != 0;
    ptr::write(
        our,
        File {
            base: ffi::sqlite3_file { pMethods: &METHODS },
            inner,
            inner_size: size,
            pending: durable.then(Vec::new),
        },
    );
    ffi::SQLITE_OK
}

unsafe extern "C" fn close(file: *mut ffi::sqlite3_file) -> c_int {
    // A clean close keeps what was written, as the OS would once the
    // process goes on running; only a kill loses it.
    let rc = flush(file);
    let rc = match methods(file).xClose {
        Some(x) if rc == ffi::SQLITE_OK => x(inner(file)),
        _ => rc,
    };
    let our = &mut *file.cast::<File>();
    let words = our.inner_size.div_ceil(8).max(1);
    drop(Box::from_raw(ptr::slice_from_raw_parts_mut(
        our.inner.cast::<u64>(),
        words,
    )));
    our.pending = None;
    rc
}

/// Writes what is pending to the file, in order.
unsafe fn flush(file: *mut ffi::sqlite3_file) -> c_int {
    let our = &mut *file.cast::<File>();
    let Some(pending) = our.pending.as_mut() else {
        return ffi::SQLITE_OK;
    };
    let m = &*(*our.inner).pMethods;
    for change in pending.drain(..) {
        let rc = match change {
            Pending::Write { offset, data } => match m.xWrite {
                Some(x) => x(our.inner, data.as_ptr().cast(), data.len() as c_int, offset),
                None => ffi::SQLITE_IOERR_WRITE,
            },
            Pending::Truncate { size } => match m.xTruncate {
                Some(x) => x(our.inner, size),
                None => ffi::SQLITE_IOERR_TRUNCATE,
            },
        };
        if rc != ffi::SQLITE_OK {
            return rc;
        }
    }
    ffi::SQLITE_OK
}

/// The file's size on disk, then as the pending changes leave it.
unsafe fn logical_size(file: *mut ffi::sqlite3_file, pending: &[Pending]) -> Result<i64, c_int> {
    let mut size: i64 = 0;
    let rc = match methods(file).xFileSize {
        Some(x) => x(inner(file), &mut size),
        None => ffi::SQLITE_IOERR_FSTAT,
    };
    if rc != ffi::SQLITE_OK {
        return Err(rc);
    }
    for change in pending {
        size = match change {
            Pending::Write { offset, data } => size.max(offset + data.len() as i64),
            Pending::Truncate { size: to } => *to,
        };
    }
    Ok(size)
}

unsafe extern "C" fn read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: i64,
) -> c_int {
    let Some(x_read) = methods(file).xRead else {
        return ffi::SQLITE_IOERR_READ;
    };
    let rc = x_read(inner(file), buf, amount, offset);
    let our = &*file.cast::<File>();
    let Some(pending) = our.pending.as_deref() else {
        return rc;
    };
    if rc != ffi::SQLITE_OK && rc != ffi::SQLITE_IOERR_SHORT_READ {
        return rc;
    }
    let out = std::slice::from_raw_parts_mut(buf.cast::<u8>(), amount as usize);
    let end = offset + amount as i64;
    for change in pending {
        match change {
            Pending::Write { offset: at, data } => {
                let from = offset.max(*at);
                let to = end.min(at + data.len() as i64);
                if from < to {
                    out[(from - offset) as usize..(to - offset) as usize]
                        .copy_from_slice(&data[(from - at) as usize..(to - at) as usize]);
                }
            }
            Pending::Truncate { size } if *size < end => {
                out[(*size - offset).max(0) as usize..].fill(0);
            }
            Pending::Truncate { .. } => {}
        }
    }
    match logical_size(file, pending) {
        Ok(size) if size >= end => ffi::SQLITE_OK,
        // SQLite wants the missing tail zeroed, and to be told.
        Ok(size) => {
            out[(size - offset).max(0) as usize..].fill(0);
            ffi::SQLITE_IOERR_SHORT_READ
        }
        Err(rc) => rc,
    }
}

unsafe extern "C" fn write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: i64,
) -> c_int {
    let our = &mut *file.cast::<File>();
    if let Some(pending) = our.pending.as_deref() {
        match logical_size(file, pending) {
            Ok(size) if take_room(size, offset + i64::from(amount)) => {}
            Ok(_) => return ffi::SQLITE_FULL,
            Err(rc) => return rc,
        }
    }
    match our.pending.as_mut() {
        Some(pending) => {
            let data = std::slice::from_raw_parts(buf.cast::<u8>(), amount as usize).to_vec();
            pending.push(Pending::Write { offset, data });
            ffi::SQLITE_OK
        }
        None => match methods(file).xWrite {
            Some(x) => x(inner(file), buf, amount, offset),
            None => ffi::SQLITE_IOERR_WRITE,
        },
    }
}

unsafe extern "C" fn truncate(file: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let our = &mut *file.cast::<File>();
    if let Some(pending) = our.pending.as_deref() {
        if let Ok(was) = logical_size(file, pending) {
            give_room(was, size);
        }
    }
    match our.pending.as_mut() {
        Some(pending) => {
            pending.push(Pending::Truncate { size });
            ffi::SQLITE_OK
        }
        None => match methods(file).xTruncate {
            Some(x) => x(inner(file), size),
            None => ffi::SQLITE_IOERR_TRUNCATE,
        },
    }
}

unsafe extern "C" fn sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let rc = flush(file);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    match methods(file).xSync {
        Some(x) => x(inner(file), flags),
        None => ffi::SQLITE_IOERR_FSYNC,
    }
}

unsafe extern "C" fn file_size(file: *mut ffi::sqlite3_file, out: *mut i64) -> c_int {
    let our = &*file.cast::<File>();
    match logical_size(file, our.pending.as_deref().unwrap_or(&[])) {
        Ok(size) => {
            *out = size;
            ffi::SQLITE_OK
        }
        Err(rc) => rc,
    }
}

unsafe extern "C" fn lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    methods(file)
        .xLock
        .map_or(ffi::SQLITE_OK, |x| x(inner(file), level))
}

unsafe extern "C" fn unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    methods(file)
        .xUnlock
        .map_or(ffi::SQLITE_OK, |x| x(inner(file), level))
}

unsafe extern "C" fn check_reserved_lock(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    methods(file)
        .xCheckReservedLock
        .map_or(ffi::SQLITE_OK, |x| x(inner(file), out))
}

unsafe extern "C" fn file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    // A size hint would grow the file on disk behind the pending writes.
    if op == ffi::SQLITE_FCNTL_SIZE_HINT && (*file.cast::<File>()).pending.is_some() {
        return ffi::SQLITE_OK;
    }
    methods(file)
        .xFileControl
        .map_or(ffi::SQLITE_NOTFOUND, |x| x(inner(file), op, arg))
}

unsafe extern "C" fn sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    methods(file).xSectorSize.map_or(4096, |x| x(inner(file)))
}

unsafe extern "C" fn device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    // Never let SQLite believe writes land in order or atomically: that
    // would let it skip syncs this VFS is here to test.
    let from = methods(file)
        .xDeviceCharacteristics
        .map_or(0, |x| x(inner(file)));
    from & !(ffi::SQLITE_IOCAP_SEQUENTIAL
        | ffi::SQLITE_IOCAP_BATCH_ATOMIC
        | ffi::SQLITE_IOCAP_ATOMIC)
}

unsafe extern "C" fn shm_map(
    file: *mut ffi::sqlite3_file,
    region: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    methods(file).xShmMap.map_or(ffi::SQLITE_IOERR_SHMMAP, |x| {
        x(inner(file), region, size, extend, out)
    })
}

unsafe extern "C" fn shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    methods(file)
        .xShmLock
        .map_or(ffi::SQLITE_IOERR_SHMLOCK, |x| {
            x(inner(file), offset, n, flags)
        })
}

unsafe extern "C" fn shm_barrier(file: *mut ffi::sqlite3_file) {
    if let Some(x) = methods(file).xShmBarrier {
        x(inner(file))
    }
}

unsafe extern "C" fn shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    methods(file)
        .xShmUnmap
        .map_or(ffi::SQLITE_OK, |x| x(inner(file), delete))
}

unsafe extern "C" fn delete(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    let base = base_vfs(vfs);
    (*base)
        .xDelete
        .map_or(ffi::SQLITE_IOERR_DELETE, |x| x(base, name, sync_dir))
}

unsafe extern "C" fn access(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    flags: c_int,
    out: *mut c_int,
) -> c_int {
    let base = base_vfs(vfs);
    (*base)
        .xAccess
        .map_or(ffi::SQLITE_IOERR_ACCESS, |x| x(base, name, flags, out))
}

unsafe extern "C" fn full_pathname(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    n: c_int,
    out: *mut c_char,
) -> c_int {
    let base = base_vfs(vfs);
    (*base)
        .xFullPathname
        .map_or(ffi::SQLITE_ERROR, |x| x(base, name, n, out))
}

unsafe extern "C" fn randomness(vfs: *mut ffi::sqlite3_vfs, n: c_int, out: *mut c_char) -> c_int {
    let base = base_vfs(vfs);
    (*base).xRandomness.map_or(0, |x| x(base, n, out))
}

unsafe extern "C" fn sleep(vfs: *mut ffi::sqlite3_vfs, micros: c_int) -> c_int {
    let base = base_vfs(vfs);
    (*base).xSleep.map_or(0, |x| x(base, micros))
}

unsafe extern "C" fn current_time(vfs: *mut ffi::sqlite3_vfs, out: *mut f64) -> c_int {
    let base = base_vfs(vfs);
    (*base)
        .xCurrentTime
        .map_or(ffi::SQLITE_ERROR, |x| x(base, out))
}
