//! A run of pushes into a `MyVec<u64>`, recorded step by step, and its drawing.
//!
//! Shared by `examples/growth.rs` (one allocator, as a table or a picture) and
//! `examples/allocator_comparison.rs` (several allocators side by side) through
//! `#[path = "support/growth_run.rs"] mod growth_run;`. Not an example of its own: cargo only
//! builds files directly in `examples/` and `examples/*/main.rs`.

use std::error::Error;
use std::mem::size_of;

use boxvec::MyVec;
use boxvec::alloc::{Allocator, Event, Recording};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What the allocator did when a push found the vector full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The first block: `allocate`.
    Allocate,
    /// `grow` returned the same address: the block was extended, nothing copied.
    InPlace,
    /// `grow` returned a new address: the contents were moved to a new block.
    Moved,
}

/// One reallocation of the run.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// How many elements the vector held when the push that triggered this step began.
    pub len: usize,
    /// Capacity before the step (elements).
    pub old_cap: usize,
    /// Capacity after the step (elements).
    pub new_cap: usize,
    /// What the allocator did.
    pub kind: StepKind,
    /// Bytes a moving reallocation copied, summed over this step and every one before it:
    /// the old block's size for each move, 0 for each grow in place.
    pub copied_so_far: usize,
}

/// A whole run: who served it, how many pushes, and every step.
pub struct GrowthRun {
    /// The allocator's name, for captions.
    pub allocator: String,
    /// How many `u64`s were pushed.
    pub pushes: usize,
    /// Every reallocation, in order.
    pub steps: Vec<Step>,
}

impl GrowthRun {
    /// How many grows stayed in place and how many moved.
    pub fn in_place_and_moved(&self) -> (usize, usize) {
        let count = |kind| self.steps.iter().filter(|s| s.kind == kind).count();
        (count(StepKind::InPlace), count(StepKind::Moved))
    }

    /// Bytes copied by moves over the whole run.
    pub fn bytes_copied(&self) -> usize {
        self.steps.last().map_or(0, |s| s.copied_so_far)
    }
}

/// Pushes `0..pushes` into an empty `MyVec<u64>` on `recording`, turning the allocator calls of
/// each push into [`Step`]s. Returns the vector (so the caller can go on with it) and the steps.
pub fn push_and_record<A: Allocator>(
    recording: &Recording<A>,
    pushes: usize,
) -> (MyVec<u64, &Recording<A>>, Vec<Step>) {
    let mut v: MyVec<u64, _> = MyVec::new_in(recording);
    let mut steps = Vec::new();
    let mut copied_so_far = 0;
    let mut seen = recording.len();
    for value in 0..pushes as u64 {
        let (len, old_cap) = (v.len(), v.capacity());
        v.push(value);
        let events = recording.events();
        for event in &events[seen..] {
            let (kind, copied) = match *event {
                Event::Allocate { .. } => (StepKind::Allocate, 0),
                Event::Grow { old_layout, .. } if event.moved() == Some(true) => {
                    (StepKind::Moved, old_layout.size())
                }
                Event::Grow { .. } => (StepKind::InPlace, 0),
                other => panic!("a push made an unexpected allocator call: {other}"),
            };
            copied_so_far += copied;
            steps.push(Step {
                len,
                old_cap,
                new_cap: v.capacity(),
                kind,
                copied_so_far,
            });
        }
        seen = events.len();
    }
    (v, steps)
}

/// The colour of a step's marker.
fn step_color(kind: StepKind) -> RGBColor {
    match kind {
        StepKind::Allocate => RGBColor(40, 90, 200),
        StepKind::InPlace => RGBColor(20, 150, 60),
        StepKind::Moved => RGBColor(210, 40, 40),
    }
}

/// The capacity as a staircase over the pushes: flat while pushes fit, a vertical jump at each
/// step. Starts at 1 push (the axes are logarithmic, so 0 has no place).
fn capacity_staircase(run: &GrowthRun) -> Vec<(u64, u64)> {
    let mut points = Vec::new();
    for step in &run.steps {
        let x = step.len.max(1) as u64;
        if step.old_cap > 0 {
            points.push((x, step.old_cap as u64));
        }
        points.push((x, step.new_cap as u64));
    }
    if let Some(last) = run.steps.last() {
        points.push((run.pushes as u64, last.new_cap as u64));
    }
    points
}

/// Draws `run` into `area`: on top, capacity against length (log-log, one marker per
/// reallocation, coloured by what the allocator did); below, the bytes copied so far.
pub fn draw_run(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    run: &GrowthRun,
) -> Result<(), Box<dyn Error>> {
    let (in_place, moved) = run.in_place_and_moved();
    let title = format!(
        "{}: {} grows, {in_place} in place, {moved} moved",
        run.allocator,
        in_place + moved
    );
    let area = area.titled(&title, ("sans-serif", 18))?;
    let height = area.dim_in_pixel().1;
    let (top, bottom) = area.split_vertically(height * 62 / 100);
    draw_capacity(&top, run)?;
    draw_bytes_copied(&bottom, run)?;
    Ok(())
}

fn draw_capacity(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    run: &GrowthRun,
) -> Result<(), Box<dyn Error>> {
    let top = x_axis_end(run);
    let mut chart =
        panel(area).build_cartesian_2d((1u64..top).log_scale(), (1u64..top).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("len (u64 values pushed)")
        .y_desc("capacity (elements)")
        .x_label_formatter(&|x| short_count(*x))
        .y_label_formatter(&|y| short_count(*y))
        .draw()?;
    let grey = RGBColor(150, 150, 150);
    chart
        .draw_series(LineSeries::new(
            [(1, 1), (run.pushes as u64, run.pushes as u64)],
            grey.stroke_width(1),
        ))?
        .label("len = capacity (full)")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], grey));
    let black = RGBColor(30, 30, 30);
    chart
        .draw_series(LineSeries::new(
            capacity_staircase(run),
            black.stroke_width(2),
        ))?
        .label("capacity")
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], black.stroke_width(2)));
    for kind in [StepKind::Allocate, StepKind::InPlace, StepKind::Moved] {
        let color = step_color(kind);
        let markers = run.steps.iter().filter(|s| s.kind == kind);
        chart
            .draw_series(
                markers.map(|s| {
                    Circle::new((s.len.max(1) as u64, s.new_cap as u64), 5, color.filled())
                }),
            )?
            .label(match kind {
                StepKind::Allocate => "allocate (first block)",
                StepKind::InPlace => "grow in place (no copy)",
                StepKind::Moved => "grow moved the block",
            })
            .legend(move |(x, y)| Circle::new((x + 9, y), 5, color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(grey)
        .draw()?;
    Ok(())
}

fn draw_bytes_copied(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    run: &GrowthRun,
) -> Result<(), Box<dyn Error>> {
    let top = x_axis_end(run);
    // The worst case, every grow moving, bounds the axis, so that panels can be compared.
    let worst: usize = run.steps.iter().map(|s| s.old_cap * size_of::<u64>()).sum();
    let y_top = (worst as f64 / (1 << 20) as f64 * 1.1).max(0.1);
    let mut chart = panel(area).build_cartesian_2d((1u64..top).log_scale(), 0f64..y_top)?;
    chart
        .configure_mesh()
        .x_desc("len (u64 values pushed)")
        .y_desc("MiB copied so far")
        .x_label_formatter(&|x| short_count(*x))
        .draw()?;
    let mut points = vec![(1u64, 0f64)];
    for step in &run.steps {
        let x = step.len.max(1) as u64;
        points.push((x, points.last().map_or(0.0, |p| p.1)));
        points.push((x, step.copied_so_far as f64 / (1 << 20) as f64));
    }
    points.push((
        run.pushes as u64,
        run.bytes_copied() as f64 / (1 << 20) as f64,
    ));
    let red = step_color(StepKind::Moved);
    chart
        .draw_series(LineSeries::new(points, red.stroke_width(2)))?
        .label(format!(
            "copied by moves: {:.1} MiB (at most {:.1})",
            run.bytes_copied() as f64 / (1 << 20) as f64,
            worst as f64 / (1 << 20) as f64
        ))
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], red.stroke_width(2)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(150, 150, 150))
        .draw()?;
    Ok(())
}

/// The end of the (logarithmic) length axis: a little past the last push.
fn x_axis_end(run: &GrowthRun) -> u64 {
    run.pushes as u64 * 3 / 2
}

/// A chart on `area` with the margins and label room every panel uses.
fn panel<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(8)
        .x_label_area_size(34)
        .y_label_area_size(64);
    builder
}

/// 1000 → "1k", 1048576 → "1M": tick labels that fit.
fn short_count(n: u64) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..1_000_000 => format!("{}k", n / 1_000),
        _ => format!("{}M", n / 1_000_000),
    }
}
