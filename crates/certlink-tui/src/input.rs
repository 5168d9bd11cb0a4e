//! Terminal events in, actions out. Only key presses count (release and repeat
//! events, sent by some terminals, are dropped); the key map in front decides
//! what a key means; the mouse wheel moves like the arrows where it may.

use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use crate::action::Action;
use crate::keys::{self, Context};

pub fn action_for(event: Event, context: Context, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keys::action_for(context, &key),
        Event::Key(_) => None,
        Event::Paste(text) if context.typing => Some(Action::Paste(text)),
        Event::Paste(_) => None,
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Mouse(m) if mouse => mouse_action(m, context),
        Event::Mouse(_) | Event::FocusGained | Event::FocusLost => None,
    }
}

fn mouse_action(m: MouseEvent, context: Context) -> Option<Action> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column: m.column,
            row: m.row,
        }),
        MouseEventKind::ScrollUp if context.wheel => Some(Action::Up),
        MouseEventKind::ScrollDown if context.wheel => Some(Action::Down),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::popups::credentials;
    use crate::tabs::profile;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn release_and_repeat_are_dropped() {
        let mut key = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Event::Key(key), &profile::KEYS, true),
            Some(Action::Quit)
        );
        key.kind = KeyEventKind::Release;
        assert_eq!(action_for(Event::Key(key), &profile::KEYS, true), None);
        key.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(Event::Key(key), &profile::KEYS, true), None);
    }

    #[test]
    fn no_mouse_means_no_clicks() {
        let click = MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row: 0,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(action_for(Event::Mouse(click), &profile::KEYS, false), None);
        assert_eq!(
            action_for(Event::Mouse(click), &profile::KEYS, true),
            Some(Action::Click { column: 3, row: 0 })
        );
    }

    #[test]
    fn paste_goes_to_text_fields_only() {
        assert_eq!(
            action_for(Event::Paste("x".into()), &credentials::KEYS, true),
            Some(Action::Paste("x".into()))
        );
        assert_eq!(
            action_for(Event::Paste("x".into()), &profile::KEYS, true),
            None
        );
    }
}
