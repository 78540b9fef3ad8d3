//! A small SVG chart of our own (no chart library in the bundle): bars and lines over periods,
//! with the 95 % interval as whiskers, each value written as text next to its point, axis
//! labels, and series told apart by marker shape and dash pattern as well as colour. The SVG
//! is one image for assistive tech (`role="img"`, a title and a description); the numbers are
//! also in a table next to it.

use crate::components::markup::push;

/// A value and its interval, in the chart's units.
pub struct Point {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// The value as written on the chart.
    pub label: String,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Marker {
    Circle,
    Square,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Mark {
    Bar,
    Line {
        marker: Marker,
        /// An SVG `stroke-dasharray`, or none for a solid line.
        dash: Option<&'static str>,
    },
}

pub struct Series<'a> {
    pub name: &'a str,
    pub mark: Mark,
    /// One per period; `None` is a gap (nothing to count, or withheld).
    pub points: Vec<Option<Point>>,
}

pub struct Chart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    /// The periods' short names, under the x axis.
    pub periods: &'a [String],
    pub min: f64,
    pub max: f64,
    /// Gridlines: value and its label.
    pub ticks: &'a [(f64, String)],
    pub series: Vec<Series<'a>>,
}

const LEFT: i32 = 48;
const RIGHT: i32 = 36;
const TOP: i32 = 26;
const BOTTOM: i32 = 34;
const HEIGHT: i32 = 230;
/// Room per period: enough for a value label each side of the point.
const SLOT: i32 = 64;
/// Dark enough on white for text and lines (AA), and different from each other.
const COLOURS: [&str; 2] = ["#0b6e4f", "#0a5c8a"];

fn n(value: i32) -> String {
    value.to_string()
}

impl Chart<'_> {
    fn plot_height(&self) -> i32 {
        HEIGHT - TOP - BOTTOM
    }

    fn y(&self, value: f64) -> i32 {
        let span = (self.max - self.min).max(f64::EPSILON);
        let share = ((self.max - value.clamp(self.min, self.max)) / span).clamp(0.0, 1.0);
        TOP + (share * f64::from(self.plot_height())).round() as i32
    }

    fn x(&self, period: usize) -> i32 {
        LEFT + period as i32 * SLOT + SLOT / 2
    }

    pub fn draw(&self, out: &mut String) {
        let periods = self.periods.len().max(1) as i32;
        let width = LEFT + periods * SLOT + RIGHT;
        let (w, h) = (n(width), n(HEIGHT));
        push(
            out,
            r#"<figure class="chart" data-testid="chart-{}"><div class="chart-scroll" role="group" tabindex="0" aria-labelledby="{}-title"><svg role="img" aria-labelledby="{}-title" aria-describedby="{}-desc" viewBox="0 0 {} {}" width="{}" height="{}" data-testid="chart-svg"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>"#,
            &[
                self.id, self.id, self.id, self.id, &w, &h, &w, &h, self.id, self.title, self.id,
                self.desc,
            ],
        );
        self.axes(out, width);
        for (index, series) in self.series.iter().enumerate() {
            let colour = COLOURS[index % COLOURS.len()];
            match series.mark {
                Mark::Bar => self.bars(out, series, colour),
                Mark::Line { marker, dash } => self.line(out, series, colour, marker, dash, index),
            }
        }
        out.push_str("</svg></div>");
        self.legend(out);
        out.push_str("</figure>");
    }

    fn axes(&self, out: &mut String, width: i32) {
        for (value, label) in self.ticks {
            let y = n(self.y(*value));
            push(
                out,
                r##"<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#c9d5d1" stroke-width="1"/><text x="{}" y="{}" text-anchor="end" font-size="11" fill="#1b2a33">{}</text>"##,
                &[
                    &n(LEFT),
                    &n(width - RIGHT),
                    &y,
                    &y,
                    &n(LEFT - 6),
                    &n(self.y(*value) + 4),
                    label,
                ],
            );
        }
        // A stronger line at zero when the scale goes below it (NPS).
        if self.min < 0.0 {
            let y = n(self.y(0.0));
            push(
                out,
                r##"<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#1b2a33" stroke-width="1.5"/>"##,
                &[&n(LEFT), &n(width - RIGHT), &y, &y],
            );
        }
        for (i, period) in self.periods.iter().enumerate() {
            push(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#1b2a33">{}</text>"##,
                &[&n(self.x(i)), &n(HEIGHT - BOTTOM + 18), period],
            );
        }
    }

    fn whisker(&self, out: &mut String, x: i32, point: &Point, colour: &str) {
        let (low, high) = (n(self.y(point.low)), n(self.y(point.high)));
        let (x, left, right) = (n(x), n(x - 5), n(x + 5));
        push(
            out,
            r#"<path d="M{} {}V{}M{} {}H{}M{} {}H{}" stroke="{}" stroke-width="1.5" fill="none"/>"#,
            &[
                &x, &low, &high, &left, &low, &right, &left, &high, &right, colour,
            ],
        );
    }

    fn bars(&self, out: &mut String, series: &Series, colour: &str) {
        let base = self.y(0.0_f64.clamp(self.min, self.max));
        for (i, point) in series.points.iter().enumerate() {
            let Some(point) = point else { continue };
            let x = self.x(i);
            let top = self.y(point.value);
            let (y, height) = if top <= base {
                (top, base - top)
            } else {
                (base, top - base)
            };
            // A light fill with a dark outline: the bar reads without its colour.
            push(
                out,
                r##"<rect x="{}" y="{}" width="24" height="{}" fill="#d7ebe3" stroke="{}" stroke-width="1.5"/>"##,
                &[&n(x - 12), &n(y), &n(height.max(1)), colour],
            );
            self.whisker(out, x, point, "#1b2a33");
            // Above a bar that goes up, below one that goes down; clear of the whisker.
            let label_y = if point.value >= 0.0 {
                self.y(point.high) - 5
            } else {
                self.y(point.low) + 13
            };
            push(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" font-size="12" font-weight="700" fill="#1b2a33">{}</text>"##,
                &[&n(x), &n(label_y.max(11)), &point.label],
            );
        }
    }

    fn line(
        &self,
        out: &mut String,
        series: &Series,
        colour: &str,
        marker: Marker,
        dash: Option<&str>,
        index: usize,
    ) {
        // Two lines on one chart sit a little apart so their whiskers and labels do not meet.
        let shift = if self.series.len() > 1 {
            if index == 0 {
                -7
            } else {
                7
            }
        } else {
            0
        };
        let mut path = String::new();
        let mut pen_down = false;
        for (i, point) in series.points.iter().enumerate() {
            match point {
                Some(point) => {
                    path.push(if pen_down { 'L' } else { 'M' });
                    path.push_str(&n(self.x(i) + shift));
                    path.push(' ');
                    path.push_str(&n(self.y(point.value)));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        if !path.is_empty() {
            push(
                out,
                r#"<path d="{}" stroke="{}" stroke-width="2.5" fill="none" stroke-dasharray="{}"/>"#,
                &[&path, colour, dash.unwrap_or("none")],
            );
        }
        for (i, point) in series.points.iter().enumerate() {
            let Some(point) = point else { continue };
            let (x, y) = (self.x(i) + shift, self.y(point.value));
            self.whisker(out, x, point, colour);
            draw_marker(out, marker, x, y, colour);
            // The first series writes its values to the left, the second to the right.
            let (label_x, anchor) = if index == 0 && shift != 0 {
                (x - 8, "end")
            } else {
                (x + 8, "start")
            };
            push(
                out,
                r##"<text x="{}" y="{}" text-anchor="{}" font-size="12" font-weight="700" fill="#1b2a33" paint-order="stroke" stroke="#fff" stroke-width="3">{}</text>"##,
                &[&n(label_x), &n(y - 6), anchor, &point.label],
            );
        }
    }

    fn legend(&self, out: &mut String) {
        out.push_str(r#"<figcaption><ul class="chart-legend">"#);
        for (index, series) in self.series.iter().enumerate() {
            let colour = COLOURS[index % COLOURS.len()];
            out.push_str(r#"<li><svg aria-hidden="true" focusable="false" width="36" height="16" viewBox="0 0 36 16">"#);
            match series.mark {
                Mark::Bar => push(
                    out,
                    r##"<rect x="10" y="2" width="16" height="12" fill="#d7ebe3" stroke="{}" stroke-width="1.5"/>"##,
                    &[colour],
                ),
                Mark::Line { marker, dash } => {
                    push(
                        out,
                        r#"<path d="M2 8H34" stroke="{}" stroke-width="2.5" stroke-dasharray="{}"/>"#,
                        &[colour, dash.unwrap_or("none")],
                    );
                    draw_marker(out, marker, 18, 8, colour);
                }
            }
            push(out, "</svg> {}</li>", &[series.name]);
        }
        out.push_str("</ul></figcaption>");
    }
}

fn draw_marker(out: &mut String, marker: Marker, x: i32, y: i32, colour: &str) {
    match marker {
        Marker::Circle => push(
            out,
            r##"<circle cx="{}" cy="{}" r="4.5" fill="#fff" stroke="{}" stroke-width="2.5"/>"##,
            &[&n(x), &n(y), colour],
        ),
        Marker::Square => push(
            out,
            r#"<rect x="{}" y="{}" width="9" height="9" fill="{}"/>"#,
            &[&n(x - 4), &n(y - 4), colour],
        ),
    }
}
