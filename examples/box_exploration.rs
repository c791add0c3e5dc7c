//! Exploring `MyBox`: layouts, pointer sizes, allocator calls, zero-sized types, drop order,
//! raw pointers, and allocating by hand.
//!
//! Every number printed here is measured when the program runs (`size_of`, `align_of`,
//! `offset_of!`, the addresses the allocator returns), not written down in advance: the
//! layout of a `struct` without `#[repr(C)]` is the compiler's choice, and may differ between
//! compiler versions and targets.
//!
//! Run it with `cargo run --example box_exploration`.

use std::alloc::Layout;
use std::fmt::Display;
use std::mem::{align_of_val, offset_of, size_of, size_of_val};
use std::ptr::NonNull;

use boxvec::alloc::{Allocator, Global, Recording};
use boxvec::{MyBox, my_box_unsize};

fn section(title: &str) {
    println!("\n=== {title} ===");
}

/// Prints what `Layout::new::<T>()` says about a type.
fn show_layout<T>(name: &str) {
    let layout = Layout::new::<T>();
    println!(
        "  {name:<28} size {:>3}, align {:>2}",
        layout.size(),
        layout.align()
    );
}

/// Prints every allocator call recorded since the last call, then forgets them.
fn show_events(recording: &Recording<Global>, what: &str) {
    let events = recording.events();
    if events.is_empty() {
        println!("  {what:<44} (no allocator call)");
    }
    for (i, event) in events.iter().enumerate() {
        let label = if i == 0 { what } else { "" };
        println!("  {label:<44} {event}");
    }
    recording.clear();
}

// Three fields, declared smallest-largest-middle.
#[allow(dead_code)]
struct Reordered {
    small: u8,
    large: u32,
    middle: u16,
}

// The same fields, but `#[repr(C)]`: in declaration order, padding where alignment needs it.
#[allow(dead_code)]
#[repr(C)]
struct InOrder {
    small: u8,
    large: u32,
    middle: u16,
}

// A tuple's fields in declaration order, for comparison.
#[allow(dead_code)]
#[repr(C)]
struct TupleInOrder(i32, f64, u8);

fn layouts() {
    section("1. Layout: how many bytes, and at which address boundaries");
    show_layout::<u8>("u8");
    show_layout::<u64>("u64");
    show_layout::<u128>("u128");
    show_layout::<[u16; 5]>("[u16; 5]");
    show_layout::<(u8, u64)>("(u8, u64)");
    show_layout::<(i32, f64, u8)>("(i32, f64, u8)");
    show_layout::<String>("String");
    show_layout::<Option<u32>>("Option<u32>");
    show_layout::<()>("()");

    println!(
        "  Option<u32> is 8, not 4: every u32 value is valid, so None needs a tag of its own,"
    );
    println!(
        "  padded to u32's alignment. (Option<&u32> would cost nothing: a reference is never null.)"
    );

    field_offsets();
    unsized_layouts();
}

fn field_offsets() {
    println!(
        "\n  Field offsets (@ = bytes from the start): Rust may reorder fields, #[repr(C)] may not."
    );
    println!(
        "  {:<28} small: u8 @{}, large: u32 @{}, middle: u16 @{}; size {}",
        "Reordered (default repr)",
        offset_of!(Reordered, small),
        offset_of!(Reordered, large),
        offset_of!(Reordered, middle),
        size_of::<Reordered>()
    );
    println!(
        "  {:<28} small: u8 @{}, large: u32 @{}, middle: u16 @{}; size {}",
        "InOrder (#[repr(C)])",
        offset_of!(InOrder, small),
        offset_of!(InOrder, large),
        offset_of!(InOrder, middle),
        size_of::<InOrder>()
    );
    println!(
        "  {:<28} i32 @{}, f64 @{}, u8 @{}; size {}",
        "(i32, f64, u8)",
        offset_of!((i32, f64, u8), 0),
        offset_of!((i32, f64, u8), 1),
        offset_of!((i32, f64, u8), 2),
        size_of::<(i32, f64, u8)>()
    );
    println!(
        "  {:<28} i32 @{}, f64 @{}, u8 @{}; size {}",
        "the same, #[repr(C)]",
        offset_of!(TupleInOrder, 0),
        offset_of!(TupleInOrder, 1),
        offset_of!(TupleInOrder, 2),
        size_of::<TupleInOrder>()
    );
    println!("  A size is always a multiple of the alignment (trailing padding included), so");
    println!("  that the elements of an array stay aligned: the repr(C) tuple pads after i32 to");
    println!(
        "  align f64, and again after its last field, the u8, up to a multiple of f64's alignment."
    );
}

fn unsized_layouts() {
    println!("\n  For unsized values the layout comes from the value itself:");
    let slice: &[u64] = &[1, 2, 3];
    let text: &str = "héllo";
    let l = Layout::for_value(slice);
    println!(
        "  {:<28} size {:>3}, align {:>2}",
        "[u64] of length 3",
        l.size(),
        l.align()
    );
    let l = Layout::for_value(text);
    println!(
        "  {:<28} size {:>3}, align {:>2}  ({} chars, {} bytes of UTF-8)",
        "str \"héllo\"",
        l.size(),
        l.align(),
        text.chars().count(),
        text.len()
    );
    let over_size = isize::MAX as usize + 1;
    println!(
        "  Layout::from_size_align({over_size}, 1) is_ok = {}: no allocation may exceed isize::MAX bytes",
        Layout::from_size_align(over_size, 1).is_ok()
    );
}

trait Shape {
    fn area(&self) -> f64;
}

struct Square(f64);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}

fn pointer_sizes() {
    section("2. The box itself: thin and fat pointers");
    let word = size_of::<usize>();
    println!("  one machine word = {word} bytes");
    let rows: [(&str, usize, usize); 6] = [
        ("MyBox<u64>", size_of::<MyBox<u64>>(), size_of::<Box<u64>>()),
        (
            "Option<MyBox<u64>>",
            size_of::<Option<MyBox<u64>>>(),
            size_of::<Option<Box<u64>>>(),
        ),
        (
            "MyBox<[u64]>",
            size_of::<MyBox<[u64]>>(),
            size_of::<Box<[u64]>>(),
        ),
        ("MyBox<str>", size_of::<MyBox<str>>(), size_of::<Box<str>>()),
        (
            "MyBox<dyn Shape>",
            size_of::<MyBox<dyn Shape>>(),
            size_of::<Box<dyn Shape>>(),
        ),
        (
            "MyBox<u64, &Recording>",
            size_of::<MyBox<u64, &Recording<Global>>>(),
            0,
        ),
    ];
    println!("  (bytes: the size of the box itself, the pointer, not of the value it points to)");
    println!("  {:<24} {:>6} {:>12}", "type", "bytes", "std's Box");
    for (name, mine, std) in rows {
        let std = if std == 0 {
            "-".to_string()
        } else {
            std.to_string()
        };
        println!("  {name:<24} {mine:>6} {std:>12}");
    }
    println!("  A thin pointer is an address; a fat one adds a length ([T], str) or a vtable");
    println!("  pointer (dyn Trait). Option<MyBox<T>> uses the null address for None, so it");
    println!("  costs nothing; a non-zero-sized allocator handle is stored beside the pointer.");

    let square: MyBox<dyn Shape> = my_box_unsize!(MyBox::new(Square(3.0)));
    println!(
        "  a MyBox<dyn Shape> holding a Square: area {}, value size {} (read through the vtable)",
        square.area(),
        size_of_val(&*square)
    );
}

fn allocations() {
    section("3. Every allocator call, seen through Recording");
    let recording = Recording::new(Global);

    let number = MyBox::new_in(42u64, &recording);
    show_events(&recording, "MyBox::new_in(42u64)");
    let copy = number.clone();
    show_events(&recording, "number.clone()");
    let zeros = MyBox::<[u32], _>::new_zeroed_slice_in(4, &recording);
    show_events(&recording, "new_zeroed_slice_in(4) for u32");
    let aligned = MyBox::new_in(PageAligned([7; 16]), &recording);
    println!(
        "  (the page-aligned value sits at {:p}: address % 4096 = {})",
        aligned,
        MyBox::as_ptr(&aligned).addr() % 4096
    );
    show_events(&recording, "new_in(PageAligned)");
    let value = MyBox::into_inner(copy);
    show_events(&recording, "MyBox::into_inner(copy) (moves out, frees)");
    println!("  (into_inner returned {value})");
    drop(number);
    show_events(&recording, "drop(number)");
    drop(zeros);
    show_events(&recording, "drop(zeros)");
    drop(aligned);
    show_events(&recording, "drop(aligned)");
    println!("  Each free names the same layout as the allocation: the allocator needs it.");
    println!("  PageAligned holds 16 bytes but its size is 4096: #[repr(align(4096))] makes the");
    println!("  alignment 4096, and a size is always a multiple of the alignment.");
}

#[allow(dead_code)]
#[repr(align(4096))]
struct PageAligned([u8; 16]);

struct Marker;

fn zero_sized_types() {
    section("4. Zero-sized values never allocate");
    let recording = Recording::new(Global);
    let unit = MyBox::new_in((), &recording);
    let marker = MyBox::new_in(Marker, &recording);
    let empty = MyBox::<[u64], _>::new_uninit_slice_in(0, &recording);
    let many_units = MyBox::<[()], _>::new_uninit_slice_in(1_000_000, &recording);
    #[repr(align(64))]
    struct AlignedZst;
    let aligned = MyBox::new_in(AlignedZst, &recording);
    let rows = [
        (
            "MyBox<()>",
            MyBox::as_ptr(&unit).addr(),
            align_of_val(&*unit),
        ),
        (
            "MyBox<Marker>",
            MyBox::as_ptr(&marker).addr(),
            align_of_val(&*marker),
        ),
        (
            "MyBox<[u64]> of length 0",
            MyBox::as_ptr(&empty).cast::<u8>().addr(),
            align_of_val(&*empty),
        ),
        (
            "MyBox<[()]> of length 1000000",
            MyBox::as_ptr(&many_units).cast::<u8>().addr(),
            align_of_val(&*many_units),
        ),
        (
            "MyBox<AlignedZst>",
            MyBox::as_ptr(&aligned).addr(),
            align_of_val(&*aligned),
        ),
    ];
    println!("  {:<32} {:>8} {:>6}", "box", "address", "align");
    for (name, addr, align) in rows {
        println!("  {name:<32} {addr:>#8x} {align:>6}");
    }
    let all_dangling = rows.iter().all(|&(_, addr, align)| addr == align);
    println!("  address == alignment in every row: {all_dangling}. Each pointer is dangling:");
    println!("  non-null and aligned, pointing at no memory. Nothing is read or written");
    println!("  through it, and it is never freed.");
    drop((unit, marker, empty, many_units, aligned));
    println!(
        "  allocator calls for all of the above, including the drops: {}",
        recording.len()
    );
}

/// Prints its name when dropped, and owns an optional child box.
struct Noisy<'a> {
    name: &'static str,
    child: Option<MyBox<Noisy<'a>, &'a Recording<Global>>>,
}

impl Drop for Noisy<'_> {
    fn drop(&mut self) {
        println!("  Noisy::drop({})", self.name);
    }
}

fn drop_order() {
    section("5. Drop order of nested boxes");
    let recording = Recording::new(Global);
    let leaf = MyBox::new_in(
        Noisy {
            name: "leaf",
            child: None,
        },
        &recording,
    );
    let middle = MyBox::new_in(
        Noisy {
            name: "middle",
            child: Some(leaf),
        },
        &recording,
    );
    let root = MyBox::new_in(
        Noisy {
            name: "root",
            child: Some(middle),
        },
        &recording,
    );
    let mut names = Vec::new();
    let mut node = Some(&root);
    while let Some(b) = node {
        names.push((MyBox::as_ptr(b).addr(), b.name));
        node = b.child.as_ref();
    }
    let chain: Vec<&str> = names.iter().map(|&(_, name)| name).collect();
    println!("  built {}", chain.join(" -> "));
    recording.clear();
    println!("  drop(root) prints:");
    drop(root);
    println!("  and frees, in this order:");
    for event in recording.events() {
        let name = match event {
            boxvec::alloc::Event::Deallocate { addr, .. } => names
                .iter()
                .find(|&&(a, _)| a == addr)
                .map_or("?", |&(_, name)| name),
            _ => "?",
        };
        println!("  {event}   <- {name}");
    }
    println!("  A box runs its value's Drop, then drops the value's fields (so the child box");
    println!("  goes next, all the way down), and frees its own block last: the innermost");
    println!("  block is freed first. Local variables drop in reverse order of declaration:");
    {
        let _first = MyBox::new_in(
            Noisy {
                name: "first declared",
                child: None,
            },
            &recording,
        );
        let _second = MyBox::new_in(
            Noisy {
                name: "second declared",
                child: None,
            },
            &recording,
        );
    }
}

fn raw_round_trip() {
    section("6. A raw-pointer round trip");
    let recording = Recording::new(Global);
    let b = MyBox::new_in(String::from("travelling"), &recording);
    let (raw, alloc) = MyBox::into_raw_with_allocator(b);
    println!("  into_raw_with_allocator: we now own the String at {raw:p}; nothing was freed");
    // SAFETY: `raw` points to the live `String` we own; nothing else uses it meanwhile.
    unsafe { (*raw).push_str(" by pointer") };
    // SAFETY: the pair comes from `into_raw_with_allocator` and is given back exactly once.
    let back = unsafe { MyBox::from_raw_in(raw, alloc) };
    println!(
        "  from_raw_in: the box owns it again: {:?} at {:p}",
        *back, back
    );
    drop(back);
    for event in recording.events() {
        println!("  {event}");
    }
    println!("  One allocation (the String struct) and one free: no leak, no double free.");
    println!("  (The String's own text buffer lives in Global, not in this Recording.)");
}

fn manual_allocation() -> Result<(), boxvec::alloc::AllocError> {
    section("7. By hand: allocate, write, read, deallocate through the Allocator trait");
    let recording = Recording::new(Global);
    let layout = Layout::array::<u32>(4).expect("16 bytes is a valid layout");
    println!(
        "  layout for [u32; 4]: size {}, align {}",
        layout.size(),
        layout.align()
    );
    let block: NonNull<[u8]> = recording.allocate(layout)?;
    println!(
        "  allocate returned {:p} with room for {} bytes (at least what we asked for)",
        block.cast::<u8>(),
        block.len()
    );
    let numbers = block.cast::<u32>();
    for i in 0..4 {
        // SAFETY: the block holds room for 4 aligned `u32`s and `i < 4`.
        unsafe { numbers.add(i).write((i as u32 + 1) * 100) };
    }
    // SAFETY: all 4 `u32`s were written just above; the slice is dropped before the free.
    let read: &[u32] = unsafe { NonNull::slice_from_raw_parts(numbers, 4).as_ref() };
    println!("  wrote and read back {read:?}");
    // SAFETY: `block` was allocated by `recording` with `layout`, and is freed once.
    unsafe { recording.deallocate(block.cast(), layout) };
    for event in recording.events() {
        println!("  {event}");
    }
    println!(
        "  MyBox does exactly this, plus the drop of the value, in its constructors and Drop."
    );
    Ok(())
}

fn main() -> Result<(), boxvec::alloc::AllocError> {
    println!("MyBox exploration: every number below is measured at run time.");
    layouts();
    pointer_sizes();
    allocations();
    zero_sized_types();
    drop_order();
    raw_round_trip();
    manual_allocation()?;
    section("8. Different types behind one pointer type");
    let shapes: Vec<MyBox<dyn Display>> = vec![
        my_box_unsize!(MyBox::new(1)),
        my_box_unsize!(MyBox::new("two")),
    ];
    let shown: Vec<String> = shapes.iter().map(|s| s.to_string()).collect();
    println!("  A Vec<MyBox<dyn Display>> holding a MyBox<i32> (1) and a MyBox<&str> (\"two\"),");
    println!("  each turned into a MyBox<dyn Display> with my_box_unsize!. Printing each calls");
    println!(
        "  Display::fmt through its vtable, so one loop prints both: {}.",
        shown.join(", ")
    );
    println!("\nDone.");
    Ok(())
}
