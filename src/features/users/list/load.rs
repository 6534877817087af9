//! Loading every page of an app's users into the session's cache, with a
//! live count, a Stop, and a Resume that keeps what was loaded; and the
//! status line that shows where loading is.

use std::sync::Arc;

use leptos::prelude::*;

use crate::features::app_shell::use_unlocked_app;
use crate::features::errors::ErrorPanel;
use crate::features::users::list::flow::{self, LoadFailure, LoadRun, LoadStart, Progress};
use crate::features::users::list::lookup::LookUpForm;
use crate::features::users::loaded::{use_loaded_users, LoadedUsers};
use crate::ui::alert::{Notice, NoticeKind};

use crate::api::users::PAGE_SIZE;

/// The loading of one app's users, as the list page drives it.
#[derive(Clone, Copy)]
pub(crate) struct UserLoader {
    /// The session's users of this app: pages land here as they arrive.
    pub(crate) cache: RwSignal<LoadedUsers>,
    /// Users loaded so far in the running load.
    so_far: RwSignal<usize>,
    /// Why the last load ended early (a refused token is not kept here: the
    /// page unlocks instead).
    failure: RwSignal<Option<LoadFailure>>,
    stop_asked: RwSignal<bool>,
    run: Action<LoadStart, ()>,
}

impl UserLoader {
    pub(crate) fn loading(&self) -> bool {
        self.run.pending().get()
    }

    /// Reads every page again from the first.
    pub(crate) fn reload(&self) {
        if !self.run.pending().get_untracked() {
            self.run.dispatch(LoadStart::Beginning);
        }
    }

    /// Goes on from where the last load stopped, keeping its users.
    pub(crate) fn resume(&self) {
        let start = self.cache.with_untracked(|c| {
            c.resume_from.clone().map(|last_value| LoadStart::Resume {
                loaded: c.users.to_vec(),
                last_value,
            })
        });
        if let Some(start) = start.filter(|_| !self.run.pending().get_untracked()) {
            self.run.dispatch(start);
        }
    }

    /// Stops once the page on its way has arrived (it is kept).
    pub(crate) fn stop(&self) {
        self.stop_asked.set(true);
    }

    /// Loads unless the cache already holds every user, or holds a load
    /// that stopped early (the admin chooses to resume it).
    pub(crate) fn load_if_needed(&self) {
        if self.cache.with_untracked(LoadedUsers::loads_from_start) {
            self.reload();
        }
    }
}

/// The loader of the unlocked app's users.
pub(crate) fn use_user_loader() -> UserLoader {
    let app = use_unlocked_app();
    let cache = use_loaded_users(&app.id);
    let so_far = RwSignal::new(0);
    let failure = RwSignal::new(None::<LoadFailure>);
    let stop_asked = RwSignal::new(false);
    let run = Action::new_local(move |start: &LoadStart| {
        let (start, client, token) = (start.clone(), app.client(), app.token.clone());
        async move {
            if start == LoadStart::Beginning {
                cache.set(LoadedUsers::default());
            }
            failure.set(None);
            stop_asked.set(false);
            so_far.set(cache.with_untracked(|c| c.users.len()));
            let run = flow::load_all(&client, &token, PAGE_SIZE, start, |page, total, go_on| {
                // The cache is the only holder while loading (the table
                // is not shown), so appending does not copy the list. It
                // says where to resume at every page: when the page goes
                // away mid-load (a refused token puts the unlock form in
                // its place, even one refused on a page asked for ahead),
                // this load's later writes land nowhere, and the next
                // visit offers Resume from here instead of starting over.
                cache.update(|c| {
                    Arc::make_mut(&mut c.users).extend_from_slice(page);
                    c.resume_from = go_on.map(str::to_string);
                });
                so_far.try_set(total);
                // A page that is gone stops loading; its users stay.
                match stop_asked.try_get_untracked() {
                    Some(false) => Progress::Continue,
                    _ => Progress::Stop,
                }
            })
            .await;
            finish_load(run, cache, failure);
        }
    });
    UserLoader {
        cache,
        so_far,
        failure,
        stop_asked,
        run,
    }
}

/// The one place a load's outcome lands: the cache says whether it is
/// complete and where to resume. A refused token is not kept as the
/// failure: the gate puts the unlock form in the page's place, and Resume
/// goes on after unlocking.
fn finish_load(run: LoadRun, cache: RwSignal<LoadedUsers>, failure: RwSignal<Option<LoadFailure>>) {
    let complete = run.is_complete();
    cache.update(|c| {
        c.complete = complete;
        c.resume_from = run.next_to_resume;
    });
    let shown = run
        .failure
        .filter(|f| !matches!(f, LoadFailure::Api(e) if e.is_unauthorized()));
    failure.try_set(shown);
}

/// Where loading is: a live count with Stop; or, when it ended short of
/// the end, why, how many users were loaded, that more may exist, and
/// Resume when going on can help.
#[component]
pub(crate) fn LoadStatus(loader: UserLoader) -> impl IntoView {
    let resumable = move || loader.cache.with(|c| c.resume_from.is_some());
    let short = move || {
        loader
            .cache
            .with(|c| (!c.complete).then_some(c.users.len()))
    };
    move || {
        if loader.loading() {
            return view! { <LoadProgress loader=loader /> }.into_any();
        }
        let why = loader.failure.get().map(|f| match f {
            LoadFailure::Api(e) => {
                view! { <ErrorPanel action="Loading users" error=e /> }.into_any()
            }
            other => view! { <Notice text=other.message() kind=NoticeKind::Warn /> }.into_any(),
        });
        let stopped_at = short().map(|loaded| {
            let resume = resumable().then(|| {
                view! {
                    <button type="button" class="btn" on:click=move |_| loader.resume()>
                        "Resume loading"
                    </button>
                }
            });
            view! { <p class="load-resume">{stopped_text(loaded)} {resume}</p> }
        });
        view! {
            <div class="load-status" data-testid="load-status">
                {why}
                {stopped_at}
            </div>
        }
        .into_any()
    }
}

/// What a load that ended early leaves: never a bare total.
fn stopped_text(loaded: usize) -> String {
    let s = if loaded == 1 { "" } else { "s" };
    format!("{loaded} user{s} loaded before loading stopped; more may exist.")
}

/// The live count while pages arrive, the Stop button, and a way to open
/// one user without waiting for the rest.
#[component]
fn LoadProgress(loader: UserLoader) -> impl IntoView {
    let stopping = move || loader.stop_asked.get();
    view! {
        <div class="card load-progress" data-testid="load-progress">
            <p role="status" aria-live="polite">
                {move || format!("Loading users… {} so far", loader.so_far.get())}
            </p>
            <button type="button" class="btn" on:click=move |_| loader.stop() disabled=stopping>
                {move || if stopping() { "Stopping…" } else { "Stop" }}
            </button>
            <LookUpForm app_id=use_unlocked_app().id />
        </div>
    }
}
