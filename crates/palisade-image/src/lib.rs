//! Image and folder inventory: what is inside a container image or a project folder.
//!
//! A [`Target`] names what to read (Syft's schemes: `oci:`, `oci-archive:`, `docker-archive:`,
//! `registry:`, `rootfs:`, `dir:`). Its files are offered, one at a time and in a single pass, to
//! the [`Cataloger`]s; each cataloger says by path which files it reads and turns each into
//! packages, the distribution, or findings ([`Found`]). For images, what a file gave is kept or
//! dropped as later layers overwrite or white it out, so the result is what the squashed image
//! holds, without the image ever being unpacked.

mod bytes;
mod catalog;
mod catalogers;
pub mod checks;
mod fs;
mod image;
mod inventory;
mod lang;
mod os;
mod platform;
pub mod registry;
mod sbom;
mod target;

pub use catalog::{CatalogError, Cataloger, FileInput, Found, Scope};
pub use catalogers::catalogers;
pub use fs::{TreeCatalog, catalog_tree};
pub use image::{Budgets, ImageError, Options, inventory, inventory_from_blobs};
pub use inventory::{History, ImageConfig, ImageInfo, Inventory, Layer};
pub use platform::{Platform, PlatformError};
pub use sbom::{SbomFormat, SbomOptions, write_sbom};
pub use target::{Target, TargetError};
