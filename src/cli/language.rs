//! `certlink profile language [LANG | --clear]` (issue 16): shows or saves
//! the language of the person's output, screens and mail. Saved, the
//! command's own answer speaks it already (unless `--lang` or `CERTLINK_LANG`
//! say otherwise: they come first). JSON keys are language-neutral; the
//! languages are their tags.

use serde_json::json;

use super::args::Format;
use super::{Ctx, Failure, pairs, plain, with_dates};
use certlink_i18n::Lang;

pub fn run(ctx: &Ctx, language: Option<Lang>, clear: bool) -> Result<(), Failure> {
    let service = ctx.service().map_err(plain)?;
    let session = ctx.sign_in(&service).map_err(with_dates(&service))?;
    let change = if clear {
        Some(None)
    } else {
        language.map(Some)
    };
    if let Some(saved) = change {
        service
            .set_language(&session, saved)
            .map_err(with_dates(&service))?;
        ctx.choose_lang(saved);
    }
    let saved = service
        .profile(&session)
        .map_err(with_dates(&service))?
        .lang;
    let lang = ctx.lang();
    let message = change.map(|saved| match saved {
        Some(l) => lang.pref_saved(l.own_name()),
        None => lang.pref_cleared().to_string(),
    });
    match ctx.format() {
        Format::Json => {
            let mut out = json!({
                "language": saved.map(Lang::tag),
                "in_use": lang.tag(),
            });
            if let (Some(message), Some(object)) = (message, out.as_object_mut()) {
                object.insert("ok".into(), true.into());
                object.insert("message".into(), message.into());
            }
            ctx.print_json(&out);
        }
        Format::Table | Format::Csv => match message {
            Some(message) => ctx.print(&format!("{message}\n")),
            None => ctx.print(&pairs(&[
                (
                    lang.pref_show_saved(),
                    saved.map_or_else(
                        || lang.pref_show_none().to_string(),
                        |l| l.own_name().into(),
                    ),
                ),
                (lang.pref_show_in_use(), lang.own_name().to_string()),
            ])),
        },
    }
    Ok(())
}
