//! One generated chapter per module, appended under the chapter the book chooses, so a
//! catalog of any size needs no hand-written page per module.

use std::path::Path;

use anyhow::Result;
use mdbook_preprocessor::book::{Book, BookItem, Chapter, SectionNumber};
use rayon::prelude::*;

use crate::project::Project;
use crate::render::Renderer;

/// Appends the module pages under the chapter whose source file is `parent`.
/// Returns false when the book has no such chapter.
pub fn add_module_pages(
    book: &mut Book,
    project: &Project,
    renderer: &Renderer,
    parent: &Path,
) -> Result<bool> {
    let Some(chapter) = find_chapter(&mut book.items, parent) else {
        return Ok(false);
    };
    let mut parent_names = chapter.parent_names.clone();
    parent_names.push(chapter.name.clone());
    // Numbered after the chapter's own sub-chapters.
    let existing = chapter.sub_items.len();
    // Pages are independent: render them in parallel, add them in catalog order.
    let modules: Vec<_> = project.catalog.modules.iter().collect();
    let contents: Vec<Result<String>> = modules
        .par_iter()
        .map(|(id, _)| renderer.page(project, id.get_ref()))
        .collect();
    for (index, ((id, module), content)) in modules.into_iter().zip(contents).enumerate() {
        let id = id.get_ref();
        let number = chapter.number.as_ref().map(|n| {
            let mut parts: Vec<u32> = n.iter().copied().collect();
            parts.push(u32::try_from(existing + index + 1).unwrap_or(u32::MAX));
            SectionNumber::new(parts)
        });
        let page = Chapter {
            name: crate::render::encode::chapter_name(&module.name),
            content: content?,
            number,
            sub_items: Vec::new(),
            path: renderer.page_path(id),
            source_path: None,
            parent_names: parent_names.clone(),
        };
        chapter.sub_items.push(BookItem::Chapter(page));
    }
    Ok(true)
}

fn find_chapter<'a>(items: &'a mut [BookItem], source: &Path) -> Option<&'a mut Chapter> {
    for item in items {
        if let BookItem::Chapter(chapter) = item {
            if chapter.source_path.as_deref() == Some(source) {
                return Some(chapter);
            }
            if let Some(found) = find_chapter(&mut chapter.sub_items, source) {
                return Some(found);
            }
        }
    }
    None
}
