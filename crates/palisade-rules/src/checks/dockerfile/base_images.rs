//! The `FROM` instructions that pull an image (not an earlier stage, not `scratch`, not a
//! reference with a build argument of unknown value), shared by the base-image rules.

use crate::dockerfile::{Args, Base, Dockerfile, ImageRef, Word};

pub(super) struct ImageFrom<'a> {
    /// The image as written.
    pub(super) word: &'a Word,
    /// The image once build arguments are substituted.
    pub(super) image: &'a ImageRef,
}

pub(super) fn image_froms<'a>(df: &'a Dockerfile<'_>) -> impl Iterator<Item = ImageFrom<'a>> {
    df.stages.iter().filter_map(move |stage| {
        let Base::Image(image) = &stage.base else {
            return None;
        };
        let instruction = df.instructions.get(stage.first)?;
        let Args::From(from) = &instruction.args else {
            return None;
        };
        Some(ImageFrom {
            word: &from.image,
            image,
        })
    })
}
