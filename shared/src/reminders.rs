//! Appointment reminders: one EventBridge Scheduler one-time schedule per appointment, named
//! after it, at its start minus the calendar's reminder time. Booking, moving and cancelling
//! keep the schedule in step ([`sync`]); the reminder function ([`remind`]) checks the
//! appointment is still booked at that time, claims the reminder once, and tells the customer
//! where they booked: on WhatsApp with "I'll come" / "Cancel" buttons inside the 24-hour window
//! or the calendar's approved template outside it, by e-mail when a widget customer left one.

use aws_sdk_scheduler::types::{
    ActionAfterCompletion, FlexibleTimeWindow, FlexibleTimeWindowMode, RetryPolicy, Target,
};
use serde::{Deserialize, Serialize};

use crate::calendar::flow;
use crate::calendar::{self, Calendar, Minute};
use crate::copy::{self, Language};
use crate::ids::{AppointmentId, TenantId};
use crate::state::AppState;
use crate::store::appointments::{self, Appointment, AppointmentStatus};
use crate::store::conversations::{self, Message, MessageType, Sender, Source};

/// What the schedule hands the reminder function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub tenant_id: TenantId,
    pub appointment_id: AppointmentId,
    /// The start the reminder is for: a moved appointment's old schedule finds it moved.
    pub start_minute: Minute,
}

/// Which message the customer gets about their appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Before the appointment, with "I'll come" / "Cancel" buttons.
    Reminder,
    /// When the team booked it by hand (a booking in the chat is confirmed in the chat).
    Confirmation,
}

/// How the customer was told (or why not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    WhatsApp,
    WhatsAppTemplate,
    Email,
    Skipped(&'static str),
}

pub fn schedule_name(id: &AppointmentId) -> String {
    format!("appt-{id}")
}

/// When the reminder of `a` is due, if it should be sent at all.
pub fn due_at(a: &Appointment, cal: &Calendar, now: Minute) -> Option<Minute> {
    let at = a.start_minute - i64::from(cal.reminder_minutes_before);
    (a.status == AppointmentStatus::Booked && cal.reminder_minutes_before > 0 && at > now).then_some(at)
}

/// Makes the appointment's schedule match it: created or moved for a booked appointment whose
/// reminder time is ahead, removed otherwise. A failure is logged; the appointment stands.
pub async fn sync(state: &AppState, a: &Appointment, cal: &Calendar) {
    if let Err(err) = try_sync(state, a, cal).await {
        tracing::error!(error = %format!("{err:#}"), appointment = %a.id, "the reminder schedule was not updated");
    }
}

async fn try_sync(state: &AppState, a: &Appointment, cal: &Calendar) -> anyhow::Result<()> {
    let config = &state.config;
    let (Some(function), Some(role)) = (&config.reminder_function_arn, &config.scheduler_role_arn) else {
        return Ok(());
    };
    let name = schedule_name(&a.id);
    let Some(at) = due_at(a, cal, calendar::now_minute()) else {
        return remove(state, &name).await;
    };
    let when = jiff::Timestamp::from_second(at * 60)?.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let due = Due { tenant_id: a.tenant_id.clone(), appointment_id: a.id.clone(), start_minute: a.start_minute };
    let target = Target::builder()
        .arn(function)
        .role_arn(role)
        .input(serde_json::to_string(&due)?)
        .retry_policy(RetryPolicy::builder().maximum_retry_attempts(5).maximum_event_age_in_seconds(3600).build())
        .build()?;
    let window = FlexibleTimeWindow::builder().mode(FlexibleTimeWindowMode::Off).build()?;
    let expression = format!("at({when})");
    let created = state
        .scheduler
        .create_schedule()
        .name(&name)
        .group_name(&config.schedule_group)
        .schedule_expression(&expression)
        .schedule_expression_timezone("UTC")
        .flexible_time_window(window.clone())
        .target(target.clone())
        .action_after_completion(ActionAfterCompletion::Delete)
        .send()
        .await;
    match created {
        Ok(_) => Ok(()),
        Err(err) if err.as_service_error().is_some_and(|e| e.is_conflict_exception()) => {
            state
                .scheduler
                .update_schedule()
                .name(&name)
                .group_name(&config.schedule_group)
                .schedule_expression(&expression)
                .schedule_expression_timezone("UTC")
                .flexible_time_window(window)
                .target(target)
                .action_after_completion(ActionAfterCompletion::Delete)
                .send()
                .await?;
            Ok(())
        }
        Err(err) => Err(err.into()),
    }
}

/// Removes an erased appointment's reminder schedule (a failure is logged: the reminder
/// function finds no appointment and skips).
pub async fn forget(state: &AppState, id: &AppointmentId) {
    if state.config.reminder_function_arn.is_none() {
        return;
    }
    if let Err(err) = remove(state, &schedule_name(id)).await {
        tracing::error!(error = %format!("{err:#}"), appointment = %id, "an erased appointment's reminder was not removed");
    }
}

async fn remove(state: &AppState, name: &str) -> anyhow::Result<()> {
    match state.scheduler.delete_schedule().name(name).group_name(&state.config.schedule_group).send().await {
        Ok(_) => Ok(()),
        Err(err) if err.as_service_error().is_some_and(|e| e.is_resource_not_found_exception()) => Ok(()),
        Err(err) => Err(err.into()),
    }
}

/// The reminder function's work for one schedule. An error means "try again" (the scheduler
/// retries); a reminder already sent, or for a time the appointment no longer has, is skipped.
pub async fn remind(state: &AppState, due: &Due) -> anyhow::Result<Told> {
    let Some(a) = appointments::find(state, &due.tenant_id, &due.appointment_id).await? else {
        return Ok(Told::Skipped("the appointment is gone"));
    };
    if a.status != AppointmentStatus::Booked || a.start_minute != due.start_minute {
        return Ok(Told::Skipped("the appointment was moved or is no longer booked"));
    }
    let Some(cal) = appointments::get_calendar(state, &a.tenant_id, &a.bot_id).await? else {
        return Ok(Told::Skipped("the bot has no calendar"));
    };
    if !appointments::claim_reminder(state, &a).await? {
        return Ok(Told::Skipped("already reminded"));
    }
    match send(state, &a, &cal, Notice::Reminder).await {
        Ok(done) => Ok(done),
        Err(err) => {
            appointments::release_reminder(state, &a).await?;
            Err(err)
        }
    }
}

fn when_text(cal: &Calendar, a: &Appointment, language: Language) -> String {
    let tz = cal.tz();
    let day = copy::day_label(language, calendar::local_date(&tz, a.start_minute));
    format!("{day} {}", &calendar::local_rfc3339(&tz, a.start_minute)[11..16])
}

/// Confirms a booking the team made by hand, where the customer can be told: in their WhatsApp
/// chat within the 24-hour window, or by e-mail. A failure is logged; the booking stands.
pub async fn confirm(state: &AppState, a: &Appointment, cal: &Calendar) -> Told {
    match send(state, a, cal, Notice::Confirmation).await {
        Ok(told) => told,
        Err(err) => {
            tracing::error!(error = %format!("{err:#}"), appointment = %a.id, "the booking confirmation was not sent");
            Told::Skipped("sending failed")
        }
    }
}

async fn send(state: &AppState, a: &Appointment, cal: &Calendar, notice: Notice) -> anyhow::Result<Told> {
    let bot = crate::store::bots::get_bot(state, &a.tenant_id, &a.bot_id).await?;
    let business = crate::turn::business_name(state, &a.tenant_id).await?;
    let language = bot.as_ref().map_or(Language::Tr, |b| b.language);
    let conversation = match &a.conversation_id {
        Some(id) => conversations::get_conversation(state, &a.tenant_id, id).await?,
        None => None,
    };
    let when = when_text(cal, a, language);
    let text = match notice {
        Notice::Reminder => {
            copy::reminder(language, &a.customer.name, &business, &a.service_name, &when, &a.resource_name)
        }
        Notice::Confirmation => {
            copy::booking_confirmation(language, &a.customer.name, &business, &a.service_name, &when, &a.resource_name)
        }
    };
    if let Some(conversation) = conversation.filter(|c| c.source == Source::Whatsapp) {
        let integration = crate::store::whatsapp::get_integration(state, &a.tenant_id, &a.bot_id).await?;
        let Some(integration) = integration else {
            return Ok(Told::Skipped("the bot has no WhatsApp connection"));
        };
        let choices = match notice {
            Notice::Reminder => {
                vec![copy::reminder_coming(language).to_string(), copy::reminder_cancel(language).to_string()]
            }
            Notice::Confirmation => Vec::new(),
        };
        let (message, body, kind) = if crate::whatsapp::window_open(&conversation) {
            let mut message = Message::new(&conversation.id, Sender::Bot, text.clone());
            message.choices = choices.clone();
            let body = crate::whatsapp::graph::message_body(
                &conversation.external_user_id,
                &text,
                &choices,
                copy::choices_button(language),
            );
            (message, body, Told::WhatsApp)
        } else if notice == Notice::Confirmation {
            return Ok(Told::Skipped("the 24-hour window is closed"));
        } else {
            let Some(name) = cal.reminder_template.as_deref() else {
                return Ok(Told::Skipped("the 24-hour window is closed and no reminder template is set"));
            };
            let templates = crate::handlers::whatsapp::templates_of(state, &integration)
                .await
                .map_err(|e| anyhow::anyhow!("listing templates: {e}"))?;
            let Some(template) = templates.iter().find(|t| t.name == name) else {
                return Ok(Told::Skipped("the reminder template is not among the approved templates"));
            };
            // The template's {{1}}..{{5}}: name, day and time, service, business, with whom.
            let values = [
                a.customer.name.clone(),
                when.clone(),
                a.service_name.clone(),
                business.clone(),
                a.resource_name.clone(),
            ];
            let parameters: Vec<String> = values.into_iter().take(template.parameters).collect();
            let mut message =
                Message::new(&conversation.id, Sender::Bot, crate::whatsapp::templates::render(template, &parameters));
            message.message_type = MessageType::Template;
            let body = crate::whatsapp::templates::message_body(&conversation.external_user_id, template, &parameters);
            (message, body, Told::WhatsAppTemplate)
        };
        let sent = crate::whatsapp::send_stored(state, &conversation, &integration, message, &body)
            .await
            .map_err(|e| anyhow::anyhow!("sending the reminder: {e}"))?;
        if sent.delivery_status == Some(conversations::DeliveryStatus::Failed) {
            tracing::warn!(appointment = %a.id, error = ?sent.delivery_error, "Meta refused the reminder");
        }
        if notice == Notice::Reminder {
            // The customer's answer ("Geleceğim" / "İptal et") goes to the reminder's flow.
            let waiting = flow::reminded(a.id.clone(), language, calendar::now_minute(), choices);
            conversations::set_booking(state, &conversation, &waiting).await?;
        }
        return Ok(kind);
    }
    let Some(email) = &a.customer.email else {
        return Ok(Told::Skipped("the customer left no way to be reminded"));
    };
    let mail = crate::mail::Mail {
        to: email.clone(),
        subject: match notice {
            Notice::Reminder => copy::reminder_subject(language, &business),
            Notice::Confirmation => copy::booking_confirmation_subject(language, &business),
        },
        html: format!("<p>{}</p>", html_escape::encode_text(&text).replace('\n', "<br>")),
        text,
    };
    crate::mail::send(state, &mail).await?;
    Ok(Told::Email)
}
