//! The fitted scorer: a logistic regression over [`Features`], whose
//! output is the probability that the candidate is the entity the query
//! names.
//!
//! Its weights are fitted by `nomina fit` on labelled queries
//! ([`fit`]: Newton's method on the L2-penalised log-likelihood, fully
//! deterministic) and committed as `src/fitted.rs`; `scripts/fit_scorer.sh`
//! reproduces them.

use super::features::{Features, FEATURE_COUNT, FEATURE_NAMES};

/// A logistic regression over the features.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// One weight per feature, in the order of [`FEATURE_NAMES`].
    pub weights: [f64; FEATURE_COUNT],
}

impl Model {
    /// The model compiled into nomina (`src/fitted.rs`).
    ///
    /// # Panics
    /// If the fitted file names other features than [`FEATURE_NAMES`]:
    /// the model must be refitted after features change (the tests catch
    /// this).
    pub fn fitted() -> &'static Model {
        static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_named(crate::fitted::WEIGHTS).unwrap_or_else(|e| {
                panic!("src/fitted.rs does not fit the features: {e}")
            })
        })
    }

    /// A model from `(feature name, weight)` pairs, which must name every
    /// feature once, in order.
    pub fn from_named(named: &[(&str, f64)]) -> Result<Model, String> {
        Ok(Model { weights: weights(named)? })
    }
}

/// Weights from `(feature name, weight)` pairs (see [`Model::from_named`]).
fn weights(named: &[(&str, f64)]) -> Result<[f64; FEATURE_COUNT], String> {
    if named.len() != FEATURE_COUNT {
        return Err(format!(
            "{} weights for {FEATURE_COUNT} features",
            named.len()
        ));
    }
    let mut weights = [0.0; FEATURE_COUNT];
    for (i, ((name, w), want)) in named.iter().zip(FEATURE_NAMES).enumerate() {
        if *name != want {
            return Err(format!("weight {i} is {name:?}, not {want:?}"));
        }
        weights[i] = *w;
    }
    Ok(weights)
}

impl Model {
    /// The linear score (log-odds) of `f`.
    pub fn logit(&self, f: &Features) -> f64 {
        self.weights.iter().zip(f.0.iter()).map(|(w, x)| w * x).sum()
    }

    /// The probability that the pair is a match.
    pub fn probability(&self, f: &Features) -> f64 {
        sigmoid(self.logit(f))
    }

    /// The model as the Rust source of `src/fitted.rs`, with `comment`
    /// (lines of text) at its head.
    pub fn to_rust(&self, comment: &str, threshold: f64) -> String {
        let mut s = String::new();
        for line in comment.lines() {
            s.push_str("//!");
            if !line.is_empty() {
                s.push(' ');
                s.push_str(line);
            }
            s.push('\n');
        }
        s.push_str(
            "\n/// The fitted weights, one per feature of\n\
             /// `score::features::FEATURE_NAMES`.\n\
             pub const WEIGHTS: &[(&str, f64)] = &[\n",
        );
        for (name, w) in FEATURE_NAMES.iter().zip(self.weights) {
            s.push_str(&format!("    ({name:?}, {w:.6}),\n"));
        }
        s.push_str("];\n");
        s.push_str(&format!(
            "\n/// The acceptance threshold chosen on out-of-fold \
             probabilities.\npub const THRESHOLD: f64 = {threshold:.3};\n"
        ));
        s
    }
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Fits a logistic regression to `rows` (features, is a match) by Newton's
/// method with an L2 penalty of `l2` (above 0) on every weight but the
/// bias: the objective is then strictly convex, and Newton's steps
/// converge in a few iterations (at most 50 are taken). The result
/// depends only on the rows and their order.
pub fn fit(rows: &[(Features, bool)], l2: f64) -> Model {
    Model { weights: fit_weights(rows, l2) }
}

/// The weights [`fit`] finds. (Matrix code reads best with indices.)
#[allow(clippy::needless_range_loop)]
fn fit_weights(rows: &[(Features, bool)], l2: f64) -> [f64; FEATURE_COUNT] {
    const N: usize = FEATURE_COUNT;
    let mut w = [0.0; N];
    for _ in 0..50 {
        let mut grad = [0.0; N];
        let mut hess = [[0.0; N]; N];
        for (f, y) in rows {
            let p =
                sigmoid(w.iter().zip(f.0.iter()).map(|(a, b)| a * b).sum());
            let r = p - f64::from(u8::from(*y));
            let v = (p * (1.0 - p)).max(1e-9);
            for i in 0..N {
                grad[i] += r * f.0[i];
                for j in 0..=i {
                    hess[i][j] += v * f.0[i] * f.0[j];
                }
            }
        }
        for i in 0..N {
            for j in 0..i {
                hess[j][i] = hess[i][j];
            }
            if i > 0 {
                grad[i] += l2 * w[i];
                hess[i][i] += l2;
            } else {
                // Keeps the system solvable when a feature is constant.
                hess[i][i] += 1e-9;
            }
        }
        // Features that never vary in these rows get no weight.
        for i in 1..N {
            if hess[i][i] <= l2 + 1e-12 {
                hess[i][i] += 1.0;
            }
        }
        let step = solve(hess, grad);
        let mut size = 0.0f64;
        for i in 0..N {
            w[i] -= step[i];
            size = size.max(step[i].abs());
        }
        if size < 1e-8 {
            break;
        }
    }
    w
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
#[allow(clippy::needless_range_loop)]
fn solve<const N: usize>(a: [[f64; N]; N], b: [f64; N]) -> [f64; N] {
    let mut l = [[0.0; N]; N];
    for i in 0..N {
        for j in 0..=i {
            let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
            if i == j {
                l[i][j] = (a[i][i] - s).max(1e-12).sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    let mut y = [0.0; N];
    for i in 0..N {
        let s: f64 = (0..i).map(|k| l[i][k] * y[k]).sum();
        y[i] = (b[i] - s) / l[i][i];
    }
    let mut x = [0.0; N];
    for i in (0..N).rev() {
        let s: f64 = (i + 1..N).map(|k| l[k][i] * x[k]).sum();
        x[i] = (y[i] - s) / l[i][i];
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fitted_model_names_the_features() {
        let m = Model::fitted();
        assert!(m.weights.iter().all(|w| w.is_finite()));
    }

    #[test]
    fn fit_recovers_a_separating_direction() {
        // Label = dice above 0.5, with noise-free rows: the fitted weight of
        // dice is positive and the model orders rows by dice.
        let rows: Vec<(Features, bool)> = (0..200)
            .map(|i| {
                let mut f = Features::default();
                f.0[1] = f64::from(i) / 200.0;
                f.0[2] = f64::from(i % 7) / 7.0;
                (f, i >= 100 && i % 10 != 0 || i % 17 == 0)
            })
            .collect();
        let m = fit(&rows, 1.0);
        assert!(m.weights[1] > 1.0, "{:?}", m.weights);
        let p = |x: f64| {
            let mut f = Features::default();
            f.0[1] = x;
            m.probability(&f)
        };
        assert!(p(0.9) > 0.8 && p(0.1) < 0.2);
    }

    #[test]
    fn rejects_weights_for_other_features() {
        let mut named: Vec<(&str, f64)> =
            FEATURE_NAMES.iter().map(|n| (*n, 0.0)).collect();
        assert!(Model::from_named(&named).is_ok());
        named.swap(1, 2);
        assert!(Model::from_named(&named).is_err());
        assert!(Model::from_named(&named[1..]).is_err());
    }
}
