//! The fields of a user mapping as form inputs, shared by Add user and Edit:
//! each bound to one field of a draft, each showing its own problem, and a
//! summary of every problem that kept the form from being sent.

use leptos::prelude::*;

use crate::features::users::validate::{Problem, UserDraft, UserField};
use crate::ui::alert::{Notice, NoticeKind};
use crate::ui::dom::focus_by_id;
use crate::ui::field_id::FieldId;
use crate::ui::text_field::TextField;

/// The form input of a field.
pub(crate) fn field_id(field: UserField) -> FieldId {
    match field {
        UserField::AppUserId => FieldId::UserAppUserId,
        UserField::AppUsername => FieldId::UserAppUsername,
        UserField::Email => FieldId::UserEmail,
        UserField::ExotelAccountSid => FieldId::UserAccountSid,
        UserField::ExotelUserName => FieldId::UserExotelUserName,
        UserField::VirtualNumber => FieldId::UserVirtualNumber,
        UserField::AgentNumber => FieldId::UserAgentNumber,
    }
}

/// What the admin is told under a field's label.
fn hint(field: UserField) -> &'static str {
    match field {
        UserField::AppUserId => "Your application's id for this person; it names the user.",
        UserField::AppUsername | UserField::ExotelUserName => {
            "\"First Last\", each part longer than 3 characters."
        }
        UserField::Email => "Like name@example.com.",
        UserField::ExotelAccountSid => "The Exotel account the user belongs to.",
        UserField::VirtualNumber => "The ExoPhone calls show, e.g. +918047000000.",
        UserField::AgentNumber => {
            "Optional: the phone the agent answers on; it adds a phone device."
        }
    }
}

/// Said before users are sent: third-party runbooks warn that Exotel does
/// not refuse an email it has no user for, it creates one.
const BILLABLE_USER: &str = "An Email with no Exotel user behind it is not refused: Exotel \
     creates a new Exotel user for it, which may be billed. Use the email of an existing Exotel \
     user unless you mean to add one.";

/// The billable-user warning of Add user and Import CSV.
#[component]
pub(crate) fn BillableUserWarning() -> impl IntoView {
    view! { <Notice text=BILLABLE_USER kind=NoticeKind::Warn /> }
}

/// Focuses the input of the first problem that names a field.
pub(crate) fn focus_first(problems: &[Problem]) {
    if let Some(field) = problems.iter().find_map(|p| p.field) {
        focus_by_id(field_id(field).dom_id());
    }
}

/// One input per field of `fields`, bound to `draft`.
#[component]
pub(crate) fn UserFields(
    draft: RwSignal<UserDraft>,
    fields: Vec<UserField>,
    problems: RwSignal<Vec<Problem>>,
) -> impl IntoView {
    fields
        .into_iter()
        .map(|field| {
            let value = (
                Signal::derive(move || draft.with(|d| d.get(field).to_string())),
                SignalSetter::<String>::map(move |text: String| {
                    draft.update(|d| d.set(field, text))
                }),
            );
            let error = Signal::derive(move || {
                problems.with(|ps| {
                    ps.iter()
                        .find(|p| p.field == Some(field))
                        .map(|p| p.message.clone())
                })
            });
            view! {
                <TextField
                    id=field_id(field)
                    label=field.label()
                    value=value
                    error=error
                    hint=hint(field)
                    autocomplete="off"
                />
            }
        })
        .collect_view()
}

/// Every problem that kept the form from being sent, named by field.
#[component]
pub(crate) fn ProblemSummary(problems: RwSignal<Vec<Problem>>) -> impl IntoView {
    move || {
        let found = problems.get();
        (!found.is_empty()).then(|| {
            view! {
                <div class="alert alert-error" role="alert" data-testid="user-problems">
                    <p class="alert-title">"Nothing was sent: fix these first"</p>
                    <ul>
                        {found.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
