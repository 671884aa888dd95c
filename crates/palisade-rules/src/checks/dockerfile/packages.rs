//! Package managers in RUN scripts.
