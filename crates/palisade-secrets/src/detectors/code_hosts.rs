//! TODO

use crate::detector::Detector;

pub(crate) static DETECTORS: &[Detector] = &[];
