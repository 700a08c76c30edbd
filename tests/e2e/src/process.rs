//! Child processes that cannot outlive a scenario.
//!
//! Each child is the leader of its own process group, so one signal to the
//! group also reaches what it started: tauri-driver starts WebKitWebDriver,
//! which starts the app, which starts WebKit's web and network processes.
//! The guard ends the group when dropped, so a panicking test cleans up too;
//! [`ProcessGroup::stop`] also checks that nothing of the group is left.
//!
//! A run killed outright (Ctrl-C, a timeout) runs no destructor: each group
//! is listed in a folder while it runs, and [`end_leftovers`], called by
//! the next scenario, ends the groups such a run left behind.
//!
//! The test process makes itself a "child subreaper": processes orphaned by
//! the kill (WebKit's helpers) become its children instead of init's, and
//! it reaps them, as init does not on every machine (zombies would pile up).

use std::ffi::OsStr;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// How long a group gets to exit on SIGTERM (Xvfb then removes its lock file)
/// before it is killed.
const GRACE: Duration = Duration::from_millis(1500);

pub struct ProcessGroup {
    name: &'static str,
    child: Child,
    /// This group's entry in the folder of running groups.
    listing: PathBuf,
    ended: bool,
}

impl ProcessGroup {
    /// Starts `command` as the leader of a new process group, without stdin,
    /// and lists the group in the folder `running`.
    pub fn spawn(name: &'static str, mut command: Command, running: &Path) -> Result<Self> {
        // SAFETY: prctl(2) with integer arguments only; setting it again is harmless.
        unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1) };
        std::fs::create_dir_all(running)
            .with_context(|| format!("could not create {}", running.display()))?;
        let leader = proc_name(command.get_program());
        command.process_group(0).stdin(Stdio::null());
        let child = command
            .spawn()
            .with_context(|| format!("could not start {name} ({command:?})"))?;
        let group = Self {
            name,
            listing: running.join(child.id().to_string()),
            child,
            ended: false,
        };
        std::fs::write(&group.listing, leader)
            .with_context(|| format!("could not write {}", group.listing.display()))?;
        Ok(group)
    }

    /// The group id, which is the leader's pid.
    pub fn pgid(&self) -> i32 {
        // Linux pids fit in i32 (pid_max is at most 2^22).
        self.child.id() as i32
    }

    /// Fails if the leader has already exited (it could not start properly).
    pub fn ensure_running(&mut self) -> Result<()> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => bail!("{} exited early ({status})", self.name),
            Err(error) => Err(error).with_context(|| format!("could not check on {}", self.name)),
        }
    }

    /// Ends the whole group and checks that none of its processes is left.
    pub fn stop(mut self) -> Result<()> {
        self.end();
        let survivors = live_members(self.pgid());
        if survivors.is_empty() {
            Ok(())
        } else {
            bail!(
                "{} left processes running (pid, name): {survivors:?}",
                self.name
            )
        }
    }

    /// SIGTERM to the group, SIGKILL after the grace period, then reaps the
    /// group's processes. Idempotent: `stop` and `Drop` both call it.
    fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        let pgid = self.pgid();
        // SAFETY: kill(2) with a negative pid only sends a signal to our own group.
        unsafe { libc::kill(-pgid, libc::SIGTERM) };
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            sleep(Duration::from_millis(20));
        }
        // The leader may be gone while its children still run: kill them all.
        // SAFETY: as above.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        // Reaps the leader; an error only means it was reaped already.
        let _ = self.child.wait();
        reap_until_empty(pgid, GRACE);
        // Gone already if a leftover sweep ended the group: nothing to undo.
        let _ = std::fs::remove_file(&self.listing);
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.end();
    }
}

/// Ends the groups listed in `running` that are still there: a run killed
/// outright left them. A listed leader that runs under another name is a
/// new process that reused the pid, and is left alone.
pub fn end_leftovers(running: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(running) else {
        return Ok(()); // no run has listed anything yet
    };
    for entry in entries {
        let path = entry.context("could not read the running groups")?.path();
        let listed = std::fs::read_to_string(&path).unwrap_or_default();
        let pgid = path
            .file_name()
            .and_then(|n| n.to_str()?.parse::<i32>().ok());
        if let Some(pgid) = pgid {
            let group = members(pgid);
            let leader = group.iter().find(|(pid, _, _)| *pid == pgid);
            if !group.is_empty() && leader.is_none_or(|(_, name, _)| *name == listed) {
                eprintln!("ending {listed} (group {pgid}), left running by an interrupted run");
                // SAFETY: kill(2) on a group verified above to be one we started.
                unsafe { libc::kill(-pgid, libc::SIGTERM) };
                let deadline = Instant::now() + GRACE;
                while !live_members(pgid).is_empty() && Instant::now() < deadline {
                    sleep(Duration::from_millis(20));
                }
                // SAFETY: as above.
                unsafe { libc::kill(-pgid, libc::SIGKILL) };
            }
        }
        std::fs::remove_file(&path)
            .with_context(|| format!("could not remove {}", path.display()))?;
    }
    Ok(())
}

/// A program's name as /proc shows it: the file name, cut to 15 bytes.
fn proc_name(program: &OsStr) -> String {
    let name = Path::new(program)
        .file_name()
        .unwrap_or(program)
        .to_string_lossy();
    name.chars().take(15).collect()
}

/// Reaps the group's processes (all ours by now, as their parents died)
/// until none is left, not even a zombie, or `patience` runs out.
fn reap_until_empty(pgid: i32, patience: Duration) {
    let deadline = Instant::now() + patience;
    loop {
        // SAFETY: waitpid(2) on our own children of the group, without status.
        while unsafe { libc::waitpid(-pgid, std::ptr::null_mut(), libc::WNOHANG) } > 0 {}
        if members(pgid).is_empty() || Instant::now() >= deadline {
            return;
        }
        sleep(Duration::from_millis(20));
    }
}

/// (pid, name) of each live process of group `pgid`. Zombies are not
/// counted: they run nothing.
pub fn live_members(pgid: i32) -> Vec<(i32, String)> {
    members(pgid)
        .into_iter()
        .filter(|(_, _, state)| state != "Z")
        .map(|(pid, name, _)| (pid, name))
        .collect()
}

/// (pid, name, state) of each process of group `pgid`, read from /proc.
fn members(pgid: i32) -> Vec<(i32, String, String)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid = entry.ok()?.file_name().to_str()?.parse::<i32>().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after ')'.
            let (head, tail) = stat.rsplit_once(')')?;
            let name = head.split_once('(')?.1.to_string();
            let mut fields = tail.split_whitespace();
            let state = fields.next()?.to_string();
            let group = fields.nth(1)?.parse::<i32>().ok()?;
            (group == pgid).then_some((pid, name, state))
        })
        .collect()
}
