//! Issue 16, point 5: whatever the language and the size, no rendered line
//! is wider than the screen and no wide character is cut — not at the
//! screen's edge, not by a border or a neighbour drawn over its right half.
//! Every screen and tab of three kinds of person, with and without the help
//! overlay, in English and 简体中文, at the snapshot sizes and sizes between.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::tests::{act, demo_app, sign_in};
use crate::action::Action;
use crate::app::App;
use crate::draw;
use certlink_core::demo;
use certlink_i18n::width::width;
use certlink_i18n::{Choice, Lang};

const WIDTHS: [u16; 6] = [60, 67, 73, 80, 101, 120];
const HEIGHTS: [u16; 3] = [16, 24, 33];

/// The frame as drawn, before ratatui's diff: a backend's buffer never shows
/// a cell drawn over a wide character's right half (the diff drops it, and
/// the terminal loses a border), the frame does.
fn frame(app: &mut App, width: u16, height: u16) -> Buffer {
    app.update(Action::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let completed = terminal
        .draw(|frame| draw::draw(frame, app))
        .expect("draw into a test backend");
    completed.buffer.clone()
}

/// Every row of the frame takes exactly the screen's width, counting a wide
/// character as two columns, and every wide character has its right half.
fn check(buffer: &Buffer, what: &str) {
    let (w, h) = (buffer.area.width, buffer.area.height);
    for y in 0..h {
        let mut x = 0;
        let mut columns = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            let cols = width(symbol).max(1) as u16;
            if cols == 2 {
                assert!(
                    x + 1 < w,
                    "{what}: {symbol:?} at column {x} of row {y} straddles the edge"
                );
                let right = buffer[(x + 1, y)].symbol();
                assert_eq!(
                    right, " ",
                    "{what}: {symbol:?} at ({x}, {y}) has its right half drawn over by {right:?}"
                );
            }
            assert!(
                cols <= 2,
                "{what}: {symbol:?} at ({x}, {y}) is {cols} columns"
            );
            columns += cols;
            x += cols;
        }
        assert_eq!(
            columns, w,
            "{what}: row {y} is {columns} columns on a {w}-column screen"
        );
    }
}

fn app_in(lang: Lang) -> App {
    let mut app = demo_app();
    app.lang_choice = Choice {
        explicit: Some(lang),
        locale: None,
    };
    app.lang = lang;
    app
}

fn every_size(app: &mut App, what: &str) {
    for w in WIDTHS {
        for h in HEIGHTS {
            check(&frame(app, w, h), &format!("{what} at {w}x{h}"));
        }
    }
}

#[test]
fn the_sign_in_and_password_screens_fit_every_size_in_both_languages() {
    for lang in Lang::ALL {
        let mut app = app_in(lang);
        every_size(&mut app, &format!("{lang} sign-in"));
        act(&mut app, Action::OpenHelp);
        every_size(&mut app, &format!("{lang} sign-in help"));
        let mut app = app_in(lang);
        sign_in(&mut app, "donald@contoso.com", demo::INVITED_PASSWORD);
        every_size(&mut app, &format!("{lang} password change"));
    }
}

#[test]
fn every_tab_fits_every_size_in_both_languages() {
    for lang in Lang::ALL {
        for (email, password) in [
            ("ada@contoso.com", demo::ACCOUNT_PASSWORD),
            ("edsger@contoso.com", demo::ACCOUNT_PASSWORD),
            ("sam@support.example.com", demo::SUPPORT_PASSWORD),
        ] {
            let mut app = app_in(lang);
            sign_in(&mut app, email, password);
            let tabs = app.main().map(|m| m.tabs.len()).unwrap_or(0);
            assert!(tabs > 1, "{email} signed in");
            for tab in 0..tabs {
                act(&mut app, Action::SelectTab(tab));
                let what = format!("{lang} {email} tab {}", tab + 1);
                every_size(&mut app, &what);
                act(&mut app, Action::OpenHelp);
                every_size(&mut app, &format!("{what} help"));
                act(&mut app, Action::Back);
            }
        }
    }
}

/// The check itself: a frame with a wide character cut at the edge, or with
/// its right half drawn over, is refused.
fn terminal_with(cells: &[(u16, &str)]) -> Buffer {
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, 10, 1));
    for (x, symbol) in cells {
        buffer[(*x, 0)].set_symbol(symbol);
    }
    buffer
}

#[test]
fn the_check_accepts_whole_wide_characters() {
    check(&terminal_with(&[(0, "王"), (2, "小"), (8, "明")]), "whole");
}

#[test]
#[should_panic(expected = "straddles the edge")]
fn the_check_refuses_a_wide_character_at_the_edge() {
    check(&terminal_with(&[(9, "王")]), "edge");
}

#[test]
#[should_panic(expected = "right half drawn over")]
fn the_check_refuses_a_wide_character_drawn_over() {
    check(&terminal_with(&[(3, "王"), (4, "│")]), "border");
}
