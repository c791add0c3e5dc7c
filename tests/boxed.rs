//! `MyBox` behaviour: what is allocated and freed (and what never is), panic safety, raw
//! round trips, over-aligned values, unsized values (`[T]`, `str`, `dyn Trait`, `dyn Any`,
//! `dyn Error`, `dyn Fn`), allocation failure, and the forwarded traits.
//!
//! Almost every box here lives in `Checked<Counting<Global>>`: `Checked` panics at the first
//! wrong layout, double free or foreign pointer, and `Counting` shows exactly which calls the
//! box made. Each test ends with `assert_no_leaks`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::error::Error;
use std::fmt::{self, Debug, Display};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::mem::{size_of, size_of_val};
use std::pin::Pin;
use std::ptr::NonNull;
use std::rc::Rc;

use boxvec::MyBox;
use boxvec::alloc::{
    AllocError, Allocator, Checked, Counting, CountingSnapshot, FailMode, Failing, Global, Layout,
};
use boxvec::my_box_unsize;

mod common;
use common::panic_message;

type Heap = Checked<Counting<Global>>;

fn heap() -> Heap {
    Checked::new(Counting::new(Global))
}

fn counts(heap: &Heap) -> CountingSnapshot {
    heap.inner().snapshot()
}

/// Counts how often values made from it are dropped.
#[derive(Default)]
struct DropCounter(Rc<Cell<usize>>);

impl DropCounter {
    fn token(&self) -> Token {
        Token(Rc::clone(&self.0))
    }
    fn drops(&self) -> usize {
        self.0.get()
    }
}

/// Adds one to its counter when dropped.
#[derive(Clone)]
struct Token(Rc<Cell<usize>>);

impl Drop for Token {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// A zero-sized value that counts its drops in a thread-local.
struct ZstToken;

thread_local! {
    static ZST_DROPS: Cell<usize> = const { Cell::new(0) };
}

impl Drop for ZstToken {
    fn drop(&mut self) {
        ZST_DROPS.with(|d| d.set(d.get() + 1));
    }
}

fn zst_drops() -> usize {
    ZST_DROPS.with(Cell::get)
}

// ---------------------------------------------------------------------------------------------
// Representation
// ---------------------------------------------------------------------------------------------

#[test]
fn thin_and_fat_pointer_sizes() {
    let word = size_of::<usize>();
    assert_eq!(size_of::<MyBox<u64>>(), word);
    assert_eq!(size_of::<Option<MyBox<u64>>>(), word);
    assert_eq!(size_of::<MyBox<()>>(), word);
    assert_eq!(size_of::<MyBox<[u64]>>(), 2 * word);
    assert_eq!(size_of::<Option<MyBox<[u64]>>>(), 2 * word);
    assert_eq!(size_of::<MyBox<str>>(), 2 * word);
    assert_eq!(size_of::<MyBox<dyn Debug>>(), 2 * word);
    assert_eq!(size_of::<MyBox<u64, &Heap>>(), 2 * word);
    assert_eq!(size_of::<MyBox<u64>>(), size_of::<Box<u64>>());
    assert_eq!(size_of::<MyBox<dyn Debug>>(), size_of::<Box<dyn Debug>>());
}

#[test]
fn send_and_sync_follow_the_value_and_allocator() {
    fn send<T: Send>() {}
    fn sync<T: Sync>() {}
    send::<MyBox<String>>();
    sync::<MyBox<String>>();
    send::<MyBox<dyn Any + Send>>();
    sync::<MyBox<[u8], Heap>>();
    send::<MyBox<u8, Heap>>();
    fn unpin<T: Unpin>() {}
    unpin::<MyBox<std::marker::PhantomPinned>>();
}

// ---------------------------------------------------------------------------------------------
// One value: allocate, use, free
// ---------------------------------------------------------------------------------------------

#[test]
fn new_allocates_the_value_layout_and_frees_it_once() {
    let heap = heap();
    let mut b = MyBox::new_in([1u32, 2, 3], &heap);
    assert_eq!(counts(&heap).allocations, 1);
    assert_eq!(counts(&heap).live_bytes, 12);
    assert!(MyBox::as_ptr(&b).is_aligned());
    b[1] = 20;
    assert_eq!(*b, [1, 20, 3]);
    drop(b);
    let after = counts(&heap);
    assert_eq!((after.allocations, after.deallocations), (1, 1));
    heap.assert_no_leaks();
}

#[test]
fn global_constructors_work() {
    let b = MyBox::new(String::from("global"));
    assert_eq!(*b, "global");
    let b = MyBox::try_new(5u8).unwrap();
    assert_eq!(*b, 5);
    let b = MyBox::write(MyBox::<u16>::new_uninit(), 7);
    assert_eq!(*b, 7);
    let b = MyBox::write(MyBox::<u16>::try_new_uninit().unwrap(), 8);
    assert_eq!(*b, 8);
    // SAFETY: all-zero bytes are a valid `u128`.
    let z = unsafe { MyBox::<u128>::new_zeroed().assume_init() };
    assert_eq!(*z, 0);
    // SAFETY: all-zero bytes are a valid `u128`.
    let z = unsafe { MyBox::<u128>::try_new_zeroed().unwrap().assume_init() };
    assert_eq!(*z, 0);
    let p = MyBox::pin(3);
    assert_eq!(*p, 3);
}

#[test]
fn zeroed_memory_is_zero_and_uninit_is_writable() {
    let heap = heap();
    let z = MyBox::<[u64; 8], _>::new_zeroed_in(&heap);
    // SAFETY: all-zero bytes are valid `u64`s.
    assert_eq!(*unsafe { z.assume_init() }, [0; 8]);
    let z = MyBox::<[u8; 33], _>::try_new_zeroed_in(&heap).unwrap();
    // SAFETY: all-zero bytes are valid `u8`s.
    assert_eq!(*unsafe { z.assume_init() }, [0; 33]);
    assert_eq!(counts(&heap).zeroed_allocations, 2);

    let mut u = MyBox::<String, _>::new_uninit_in(&heap);
    u.write(String::from("w"));
    // SAFETY: written just above.
    let s = unsafe { u.assume_init() };
    assert_eq!(*s, "w");
    let u = MyBox::<String, _>::try_new_uninit_in(&heap).unwrap();
    assert_eq!(*MyBox::write(u, String::from("v")), "v");
    drop(s);
    heap.assert_no_leaks();
}

#[test]
fn into_inner_moves_out_then_frees_without_double_drop() {
    let heap = heap();
    let counter = DropCounter::default();
    let b = MyBox::new_in((counter.token(), String::from("payload")), &heap);
    let (token, s) = MyBox::into_inner(b);
    assert_eq!(s, "payload");
    assert_eq!(counter.drops(), 0, "moved out, not dropped");
    assert_eq!(counts(&heap).deallocations, 1, "memory freed at once");
    drop(token);
    assert_eq!(counter.drops(), 1);
    heap.assert_no_leaks();
}

#[test]
fn take_and_write_reuse_the_block() {
    let heap = heap();
    let b = MyBox::new_in(String::from("first"), &heap);
    let addr = MyBox::as_ptr(&b).addr();
    let (first, uninit) = MyBox::take(b);
    assert_eq!(first, "first");
    let b = MyBox::write(uninit, String::from("second"));
    assert_eq!(MyBox::as_ptr(&b).addr(), addr);
    assert_eq!(*b, "second");
    assert_eq!(counts(&heap).allocations, 1);
    drop(b);
    heap.assert_no_leaks();
}

#[test]
fn map_reuses_the_block_when_layouts_match() {
    let heap = heap();
    let b = MyBox::new_in(41u64, &heap);
    let addr = MyBox::as_ptr(&b).addr();
    let b = MyBox::map(b, |x| (x + 1) as f64);
    assert_eq!(*b, 42.0);
    assert_eq!(MyBox::as_ptr(&b).addr(), addr);
    assert_eq!(counts(&heap).allocations, 1);

    // A different layout: the old block is freed first, then the new one allocated.
    let tripled = MyBox::map(b, |x| [x; 3]);
    assert_eq!(*tripled, [42.0; 3]);
    let c = counts(&heap);
    assert_eq!((c.allocations, c.deallocations, c.live_bytes), (2, 1, 24));
    assert_eq!(
        c.peak_bytes, 24,
        "the 8-byte block was freed before the 24-byte one"
    );

    // A panicking closure still frees the memory, and drops the value it was given.
    let counter = DropCounter::default();
    let b = MyBox::new_in(counter.token(), &heap);
    let msg = panic_message(|| {
        let _ = MyBox::map(b, |_token| -> u8 { panic!("map failed") });
    });
    assert_eq!(msg.as_deref(), Some("map failed"));
    assert_eq!(counter.drops(), 1);
    drop(tripled);
    heap.assert_no_leaks();
}

#[test]
fn default_boxes() {
    let b: MyBox<Vec<u8>> = MyBox::default();
    assert!(b.is_empty());
    let s: MyBox<[String]> = MyBox::default();
    assert!(s.is_empty());
    let t: MyBox<str> = MyBox::default();
    assert_eq!(&*t, "");
    let p: Pin<MyBox<i32>> = Default::default();
    assert_eq!(*p, 0);
}

// ---------------------------------------------------------------------------------------------
// Zero-sized values and empty slices never reach the allocator
// ---------------------------------------------------------------------------------------------

#[test]
fn zero_sized_values_never_allocate_or_free() {
    let heap = heap();
    let before = zst_drops();
    {
        let unit = MyBox::new_in((), &heap);
        let empty_array = MyBox::new_in([0u64; 0], &heap);
        let token = MyBox::new_in(ZstToken, &heap);
        let tried = MyBox::try_new_in(ZstToken, &heap).unwrap();
        let uninit = MyBox::<ZstToken, _>::new_uninit_in(&heap);
        let zeroed = MyBox::<(), _>::new_zeroed_in(&heap);
        let try_uninit = MyBox::<(), _>::try_new_uninit_in(&heap).unwrap();
        let try_zeroed = MyBox::<(), _>::try_new_zeroed_in(&heap).unwrap();
        assert!(MyBox::as_ptr(&empty_array).is_aligned());
        assert!(MyBox::as_ptr(&token).is_aligned());
        let cloned = unit.clone();
        let inner: () = MyBox::into_inner(cloned);
        let _ = (inner, uninit, zeroed, try_uninit, try_zeroed, tried);
        let mapped = MyBox::map(token, |t| (t, ()));
        drop(mapped);
        drop(empty_array);
    }
    assert_eq!(
        zst_drops() - before,
        2,
        "each ZstToken dropped exactly once"
    );
    assert_eq!(counts(&heap), CountingSnapshot::default());
    heap.assert_no_leaks();
}

#[test]
fn empty_slices_and_zst_slices_never_allocate() {
    let heap = heap();
    let before = zst_drops();
    {
        let empty = MyBox::<[u64], _>::new_uninit_slice_in(0, &heap);
        let zeroed = MyBox::<[u64], _>::new_zeroed_slice_in(0, &heap);
        let try_empty = MyBox::<[u64], _>::try_new_uninit_slice_in(0, &heap).unwrap();
        let try_zeroed = MyBox::<[u64], _>::try_new_zeroed_slice_in(0, &heap).unwrap();
        assert_eq!(
            empty.len() + zeroed.len() + try_empty.len() + try_zeroed.len(),
            0
        );

        // A million zero-sized values take no bytes either.
        let mut many = MyBox::<[ZstToken], _>::new_uninit_slice_in(1_000_000, &heap);
        assert_eq!(many.len(), 1_000_000);
        many[0].write(ZstToken);
        many[999_999].write(ZstToken);
        let try_many = MyBox::<[()], _>::try_new_zeroed_slice_in(usize::MAX, &heap).unwrap();
        assert_eq!(try_many.len(), usize::MAX);

        // SAFETY: all-zero bytes are valid `u64`s (there are none).
        let empty_init = unsafe { empty.assume_init() };
        assert_eq!(empty_init.clone().len(), 0);
        let tokens = MyBox::<[ZstToken], _>::new_uninit_slice_in(3, &heap);
        let mut tokens = tokens;
        for slot in tokens.iter_mut() {
            slot.write(ZstToken);
        }
        // SAFETY: all three were written just above.
        let tokens = unsafe { tokens.assume_init() };
        drop(tokens);
    }
    assert_eq!(zst_drops() - before, 3);
    assert_eq!(counts(&heap), CountingSnapshot::default());
    heap.assert_no_leaks();

    let s: MyBox<str> = MyBox::from("");
    assert_eq!(&*s, "");
    let e: MyBox<[String]> = MyBox::from(&[][..]);
    assert!(e.is_empty());
}

#[test]
fn over_aligned_zero_sized_value_gets_an_aligned_dangling_pointer() {
    #[repr(align(4096))]
    struct PageAlignedZst;
    let heap = heap();
    let b = MyBox::new_in(PageAlignedZst, &heap);
    assert_eq!(MyBox::as_ptr(&b).addr() % 4096, 0);
    drop(b);
    assert_eq!(counts(&heap).allocations, 0);
}

// ---------------------------------------------------------------------------------------------
// Drop: value first, then memory; memory freed even if the value's Drop panics
// ---------------------------------------------------------------------------------------------

struct PanicOnDrop(#[allow(dead_code)] u64);

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("drop panicked");
    }
}

#[test]
fn panicking_drop_still_frees_the_memory() {
    let heap = heap();
    let b = MyBox::new_in(PanicOnDrop(7), &heap);
    let msg = panic_message(|| drop(b));
    assert_eq!(msg.as_deref(), Some("drop panicked"));
    let c = counts(&heap);
    assert_eq!((c.allocations, c.deallocations, c.live_blocks), (1, 1, 0));
    heap.assert_no_leaks();
}

#[test]
fn panicking_drop_through_a_vtable_still_frees_the_memory() {
    trait Marker {}
    impl Marker for PanicOnDrop {}
    let heap = heap();
    let b = MyBox::new_in(PanicOnDrop(1), &heap);
    let b: MyBox<dyn Marker, &Heap> = my_box_unsize!(b);
    assert!(panic_message(|| drop(b)).is_some());
    heap.assert_no_leaks();
}

#[test]
fn panicking_element_drop_in_a_slice_drops_the_rest_and_frees() {
    struct MaybePanic(bool, #[allow(dead_code)] Token);
    impl Drop for MaybePanic {
        fn drop(&mut self) {
            if self.0 {
                panic!("element drop panicked");
            }
        }
    }
    let heap = heap();
    let counter = DropCounter::default();
    let mut slots = MyBox::<[MaybePanic], _>::new_uninit_slice_in(3, &heap);
    for (i, slot) in slots.iter_mut().enumerate() {
        slot.write(MaybePanic(i == 1, counter.token()));
    }
    // SAFETY: all three were written just above.
    let b = unsafe { slots.assume_init() };
    assert!(panic_message(|| drop(b)).is_some());
    assert_eq!(counter.drops(), 3, "every element's fields were dropped");
    heap.assert_no_leaks();
}

#[test]
fn nested_boxes_drop_outer_value_then_inner() {
    thread_local! {
        static ORDER: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    struct Named(&'static str, #[allow(dead_code)] Option<MyBox<Named>>);
    impl Drop for Named {
        fn drop(&mut self) {
            ORDER.with(|o| o.borrow_mut().push(self.0));
        }
    }
    let inner = MyBox::new(Named("inner", None));
    let outer = MyBox::new(Named("outer", Some(inner)));
    drop(outer);
    // `Named::drop` runs first, then its fields (the inner box) are dropped.
    assert_eq!(ORDER.with(|o| o.borrow().clone()), ["outer", "inner"]);
}

// ---------------------------------------------------------------------------------------------
// Raw pointers and ownership
// ---------------------------------------------------------------------------------------------

#[test]
fn raw_round_trips_free_exactly_once() {
    let heap = heap();
    let counter = DropCounter::default();

    let (raw, alloc) = MyBox::into_raw_with_allocator(MyBox::new_in(counter.token(), &heap));
    assert_eq!(counts(&heap).live_blocks, 1);
    // SAFETY: the pair comes from `into_raw_with_allocator`, used once.
    drop(unsafe { MyBox::from_raw_in(raw, alloc) });

    let (ptr, alloc) = MyBox::into_non_null_with_allocator(MyBox::new_in(counter.token(), &heap));
    // SAFETY: the pair comes from `into_non_null_with_allocator`, used once.
    drop(unsafe { MyBox::from_non_null_in(ptr, alloc) });

    let slice: MyBox<[u16], &Heap> = my_box_unsize!(MyBox::new_in([1u16, 2, 3], &heap));
    let (raw, alloc) = MyBox::into_raw_with_allocator(slice);
    // SAFETY: as above; the fat pointer keeps the length.
    let slice = unsafe { MyBox::from_raw_in(raw, alloc) };
    assert_eq!(*slice, [1, 2, 3]);
    drop(slice);

    assert_eq!(counter.drops(), 2);
    let c = counts(&heap);
    assert_eq!((c.allocations, c.deallocations), (3, 3));
    heap.assert_no_leaks();

    // The `Global` flavours.
    let raw = MyBox::into_raw(MyBox::new(counter.token()));
    // SAFETY: from `into_raw`, used once.
    drop(unsafe { MyBox::from_raw(raw) });
    let ptr = MyBox::into_non_null(MyBox::new(counter.token()));
    // SAFETY: from `into_non_null`, used once.
    drop(unsafe { MyBox::from_non_null(ptr) });
    assert_eq!(counter.drops(), 4);
}

#[test]
fn manual_allocation_can_be_adopted_and_a_box_can_be_freed_by_hand() {
    let heap = heap();
    let layout = Layout::new::<u64>();
    let block = heap.allocate(layout).unwrap().cast::<u64>();
    // SAFETY: a fresh block for one `u64` from `heap`; written before the box takes it.
    let b = unsafe {
        block.write(99);
        MyBox::from_non_null_in(block, &heap)
    };
    assert_eq!(*b, 99);
    drop(b);

    let (raw, alloc) = MyBox::into_raw_with_allocator(MyBox::new_in(5u32, &heap));
    // SAFETY: we own the `u32` and its block (layout of `u32`) after `into_raw_with_allocator`.
    unsafe {
        std::ptr::drop_in_place(raw);
        alloc.deallocate(NonNull::new(raw).unwrap().cast(), Layout::new::<u32>());
    }
    heap.assert_no_leaks();
}

#[test]
fn zero_sized_raw_round_trip_never_frees() {
    let heap = heap();
    // SAFETY: a dangling aligned pointer is a valid owned `()`; it is never freed.
    let b = unsafe { MyBox::from_non_null_in(NonNull::<()>::dangling(), &heap) };
    drop(b);
    assert_eq!(counts(&heap), CountingSnapshot::default());
}

#[test]
fn pointers_from_as_mut_ptr_survive_later_as_ptr_and_as_mut_ptr() {
    let mut b = MyBox::new([0u32; 4]);
    let p = MyBox::as_mut_ptr(&mut b);
    let q = MyBox::as_ptr(&b);
    let r = MyBox::as_mut_ptr(&mut b);
    // SAFETY: all three come from the live box and no reference to the value exists while
    // they are used; `MyBox` stores a plain pointer, so none invalidates another.
    unsafe {
        (*p)[0] = 1;
        assert_eq!((*q)[0], 1);
        (*r)[1] = 2;
        (*p)[2] = 3;
        assert_eq!(*q, [1, 2, 3, 0]);
    }
    let _moved = &b; // using the box itself afterwards is fine
    let s = MyBox::as_ptr(&b);
    // SAFETY: as above.
    unsafe { (*p)[3] = 4 };
    // SAFETY: as above.
    assert_eq!(unsafe { *s }, [1, 2, 3, 4]);
    assert_eq!(*b, [1, 2, 3, 4]);
    assert_eq!(format!("{b:p}"), format!("{:p}", MyBox::as_ptr(&b)));
}

#[test]
fn leak_keeps_the_memory_and_can_be_reclaimed() {
    let heap = heap();
    let leaked: &mut Vec<u8> = MyBox::leak(MyBox::new_in(vec![1, 2], &heap));
    leaked.push(3);
    assert_eq!(counts(&heap).live_blocks, 1);
    // SAFETY: `leaked` is the only reference to the leaked value, in a block from `heap`
    // with the layout of `Vec<u8>`; it is never used again.
    let back = unsafe { MyBox::from_raw_in(leaked as *mut Vec<u8>, &heap) };
    assert_eq!(*back, [1, 2, 3]);
    drop(back);
    heap.assert_no_leaks();
}

#[test]
fn allocator_is_the_one_given() {
    let heap = heap();
    let b = MyBox::new_in(1u8, heap.clone());
    assert_eq!(MyBox::allocator(&b).live_blocks(), 1);
    drop(b);
    heap.assert_no_leaks();
}

#[test]
fn pinning_keeps_the_address() {
    use std::marker::PhantomPinned;
    struct SelfAware {
        value: u32,
        _pin: PhantomPinned,
    }
    let pinned = MyBox::pin_in(
        SelfAware {
            value: 5,
            _pin: PhantomPinned,
        },
        Global,
    );
    let addr = (&*pinned as *const SelfAware).addr();
    let moved = pinned; // moving the box does not move the value
    assert_eq!((&*moved as *const SelfAware).addr(), addr);
    assert_eq!(moved.value, 5);
    let from: Pin<MyBox<u8>> = Pin::from(MyBox::new(1u8));
    assert_eq!(*from, 1);
}

// ---------------------------------------------------------------------------------------------
// Over-aligned values
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
#[repr(align(256))]
struct Align256([u8; 3]);

#[derive(Clone, Debug, PartialEq)]
#[repr(align(4096))]
struct Align4096(u64);

#[test]
fn over_aligned_values_get_aligned_blocks_and_matching_frees() {
    let heap = heap();
    let a = MyBox::new_in(Align256([1, 2, 3]), &heap);
    let b = MyBox::new_in(Align4096(9), &heap);
    assert_eq!(MyBox::as_ptr(&a).addr() % 256, 0);
    assert_eq!(MyBox::as_ptr(&b).addr() % 4096, 0);
    assert_eq!(counts(&heap).live_bytes, 256 + 4096);
    let a2 = a.clone();
    assert_eq!(MyBox::as_ptr(&a2).addr() % 256, 0);
    assert_eq!(a2, a);

    let slice = MyBox::<[Align4096], _>::new_zeroed_slice_in(2, &heap);
    assert_eq!(MyBox::as_ptr(&slice).cast::<u8>().addr() % 4096, 0);
    assert_eq!(size_of_val(&*slice), 2 * 4096);
    // SAFETY: all-zero bytes are a valid `Align4096`.
    let slice = unsafe { slice.assume_init() };
    assert_eq!(*slice, [Align4096(0), Align4096(0)]);
    let cloned = slice.clone();
    assert_eq!(cloned, slice);

    let dynamic: MyBox<dyn Debug, &Heap> = my_box_unsize!(b);
    assert_eq!(align_of_val_dyn(&*dynamic), 4096);
    drop((a, a2, slice, cloned, dynamic));
    heap.assert_no_leaks();
}

fn align_of_val_dyn(value: &dyn Debug) -> usize {
    std::mem::align_of_val(value)
}

// ---------------------------------------------------------------------------------------------
// Slices and arrays
// ---------------------------------------------------------------------------------------------

#[test]
fn slice_constructors_allocate_the_array_layout() {
    let heap = heap();
    let mut slots = MyBox::<[u32], _>::new_uninit_slice_in(5, &heap);
    assert_eq!(counts(&heap).live_bytes, 20);
    for (i, slot) in slots.iter_mut().enumerate() {
        slot.write(i as u32);
    }
    // SAFETY: all five written.
    let values = unsafe { slots.assume_init() };
    assert_eq!(*values, [0, 1, 2, 3, 4]);

    let z = MyBox::<[u16], _>::new_zeroed_slice_in(3, &heap);
    // SAFETY: zero is a valid `u16`.
    assert_eq!(*unsafe { z.assume_init() }, [0, 0, 0]);
    let t = MyBox::<[u8], _>::try_new_uninit_slice_in(7, &heap).unwrap();
    assert_eq!(t.len(), 7);
    let tz = MyBox::<[u64], _>::try_new_zeroed_slice_in(2, &heap).unwrap();
    // SAFETY: zero is a valid `u64`.
    assert_eq!(*unsafe { tz.assume_init() }, [0, 0]);

    // The `Global` flavours.
    assert_eq!(MyBox::<[u8]>::new_uninit_slice(3).len(), 3);
    // SAFETY: zero is a valid `u8`.
    assert_eq!(
        *unsafe { MyBox::<[u8]>::new_zeroed_slice(2).assume_init() },
        [0, 0]
    );
    assert_eq!(MyBox::<[u8]>::try_new_uninit_slice(4).unwrap().len(), 4);
    // SAFETY: zero is a valid `u8`.
    let z = unsafe {
        MyBox::<[u8]>::try_new_zeroed_slice(1)
            .unwrap()
            .assume_init()
    };
    assert_eq!(*z, [0]);
    drop((values, t));
    heap.assert_no_leaks();
}

#[test]
fn slice_length_overflow_panics_or_errs_without_asking_the_allocator() {
    let failing = Failing::new(heap());
    for len in [usize::MAX, isize::MAX as usize / 8 + 1] {
        let msg = panic_message(|| {
            let _ = MyBox::<[u64], _>::new_uninit_slice_in(len, &failing);
        });
        assert_eq!(msg.as_deref(), Some("capacity overflow"));
        let msg = panic_message(|| {
            let _ = MyBox::<[u64], _>::new_zeroed_slice_in(len, &failing);
        });
        assert_eq!(msg.as_deref(), Some("capacity overflow"));
        assert!(MyBox::<[u64], _>::try_new_uninit_slice_in(len, &failing).is_err());
        assert!(MyBox::<[u64], _>::try_new_zeroed_slice_in(len, &failing).is_err());
    }
    assert_eq!(failing.requests(), 0);
    let msg = panic_message(|| {
        let _ = MyBox::<[u32]>::new_uninit_slice(usize::MAX);
    });
    assert_eq!(msg.as_deref(), Some("capacity overflow"));
}

#[test]
fn arrays_slices_and_single_values_convert_in_place() {
    let heap = heap();
    let array = MyBox::new_in([1, 2, 3], &heap);
    let addr = MyBox::as_ptr(&array).addr();
    let slice = MyBox::array_into_slice(array);
    assert_eq!(MyBox::as_ptr(&slice).cast::<i32>().addr(), addr);
    assert_eq!(*slice, [1, 2, 3]);

    let wrong = MyBox::<[i32; 2], _>::try_from(slice).unwrap_err();
    let back = MyBox::<[i32; 3], _>::try_from(wrong).unwrap();
    assert_eq!(MyBox::as_ptr(&back).addr(), addr);
    let slice: MyBox<[i32], _> = MyBox::from(back);
    assert!(slice.into_array::<4>().is_none()); // dropped
    let slice: MyBox<[i32], &Heap> = my_box_unsize!(MyBox::new_in([4, 5], &heap));
    let array = slice.into_array::<2>().unwrap();
    assert_eq!(*array, [4, 5]);

    let one = MyBox::into_boxed_slice(MyBox::new_in(String::from("one"), &heap));
    assert_eq!(*one, ["one"]);
    let from_array: MyBox<[u8]> = MyBox::from([9u8; 4]);
    assert_eq!(*from_array, [9; 4]);
    let from_slice: MyBox<[u8]> = MyBox::from(&mut [1u8, 2][..]);
    assert_eq!(*from_slice, [1, 2]);
    assert_eq!(counts(&heap).allocations, 3);
    drop((array, one));
    heap.assert_no_leaks();
}

#[test]
fn slice_clone_and_clone_from() {
    let heap = heap();
    let a: MyBox<[String], &Heap> =
        my_box_unsize!(MyBox::new_in([String::from("a"), String::from("b")], &heap));
    let mut b = a.clone();
    assert_eq!(b, a);
    assert_eq!(counts(&heap).allocations, 2);

    // Same length: element-wise, in place, no new block.
    let c: MyBox<[String], &Heap> =
        my_box_unsize!(MyBox::new_in([String::from("c"), String::from("d")], &heap));
    let addr = MyBox::as_ptr(&b).cast::<u8>().addr();
    b.clone_from(&c);
    assert_eq!(b, c);
    assert_eq!(MyBox::as_ptr(&b).cast::<u8>().addr(), addr);
    assert_eq!(counts(&heap).allocations, 3);

    // Different length: a fresh clone replaces it.
    let d: MyBox<[String], &Heap> = my_box_unsize!(MyBox::new_in([String::from("e")], &heap));
    b.clone_from(&d);
    assert_eq!(b, d);
    drop((a, b, c, d));
    heap.assert_no_leaks();
}

#[test]
fn panicking_clone_in_a_slice_drops_the_clones_made_and_frees() {
    struct Bomb(u32, Token);
    impl Clone for Bomb {
        fn clone(&self) -> Self {
            if self.0 == 2 {
                panic!("clone panicked");
            }
            Bomb(self.0, self.1.clone())
        }
    }
    let heap = heap();
    let counter = DropCounter::default();
    let bombs: MyBox<[Bomb], &Heap> = my_box_unsize!(MyBox::new_in(
        [
            Bomb(0, counter.token()),
            Bomb(1, counter.token()),
            Bomb(2, counter.token()),
            Bomb(3, counter.token()),
        ],
        &heap
    ));
    let msg = panic_message(|| drop(bombs.clone()));
    assert_eq!(msg.as_deref(), Some("clone panicked"));
    assert_eq!(counter.drops(), 2, "the two finished clones were dropped");
    assert_eq!(counts(&heap).live_blocks, 1, "the clone's block was freed");
    drop(bombs);
    assert_eq!(counter.drops(), 6);
    heap.assert_no_leaks();
}

#[test]
fn panicking_clone_of_a_sized_value_frees_the_block() {
    struct Bomb;
    impl Clone for Bomb {
        fn clone(&self) -> Self {
            panic!("clone panicked");
        }
    }
    let heap = heap();
    let b = MyBox::new_in((Bomb, 0u64), &heap);
    assert!(panic_message(|| drop(b.clone())).is_some());
    let c = counts(&heap);
    assert_eq!(
        c.allocations, 2,
        "std's order: allocate, then clone into it"
    );
    assert_eq!(c.live_blocks, 1);
    drop(b);
    heap.assert_no_leaks();
}

#[test]
fn sized_clone_and_clone_from() {
    let heap = heap();
    let a = MyBox::new_in(vec![1, 2, 3], &heap);
    let mut b = a.clone();
    assert_eq!(a, b);
    b.push(4);
    assert_ne!(a, b);
    let addr = MyBox::as_ptr(&b).addr();
    b.clone_from(&a);
    assert_eq!(a, b);
    assert_eq!(MyBox::as_ptr(&b).addr(), addr, "clone_from reuses the box");
    drop((a, b));
    heap.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// str
// ---------------------------------------------------------------------------------------------

#[test]
fn boxed_str() {
    let s: MyBox<str> = MyBox::from("héllo");
    assert_eq!(&*s, "héllo");
    assert_eq!(s.len(), 6);
    let t = s.clone();
    assert_eq!(s, t);
    assert_ne!(
        MyBox::as_ptr(&s).cast::<u8>(),
        MyBox::as_ptr(&t).cast::<u8>()
    );
    assert_eq!(format!("{s} {s:?}"), "héllo \"héllo\"");
    let bytes: MyBox<[u8]> = MyBox::from(t);
    assert_eq!(*bytes, *"héllo".as_bytes());
    let mut owned = String::from("mutable");
    let m: MyBox<str> = MyBox::from(owned.as_mut_str());
    assert_eq!(&*m, "mutable");
    assert!(s < m);
}

// ---------------------------------------------------------------------------------------------
// dyn Trait, dyn Fn, dyn Any, dyn Error
// ---------------------------------------------------------------------------------------------

trait Shape {
    fn area(&self) -> f64;
}

struct Square(f64, #[allow(dead_code)] Token);

impl Shape for Square {
    fn area(&self) -> f64 {
        self.0 * self.0
    }
}

struct Circle(f64);

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.0 * self.0 * self.0
    }
}

#[test]
fn trait_objects_dispatch_drop_and_free_with_the_concrete_layout() {
    let heap = heap();
    let counter = DropCounter::default();
    let square = MyBox::new_in(Square(2.0, counter.token()), &heap);
    let square = my_box_unsize!(square as dyn Shape);
    let shapes: Vec<MyBox<dyn Shape, &Heap>> =
        vec![square, my_box_unsize!(MyBox::new_in(Circle(1.0), &heap))];
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    assert_eq!(total, 7.0);
    assert_eq!(size_of_val(&*shapes[0]), size_of::<Square>());
    drop(shapes);
    assert_eq!(counter.drops(), 1);
    heap.assert_no_leaks();
}

#[test]
fn trait_upcasting_through_the_macro() {
    trait Named: Debug {
        fn name(&self) -> &'static str;
    }
    #[derive(Debug)]
    struct Dog;
    impl Named for Dog {
        fn name(&self) -> &'static str {
            "dog"
        }
    }
    let named: MyBox<dyn Named> = my_box_unsize!(MyBox::new(Dog));
    assert_eq!(named.name(), "dog");
    let debug: MyBox<dyn Debug> = my_box_unsize!(named);
    assert_eq!(format!("{debug:?}"), "Dog");
}

#[test]
fn boxed_closures_are_called_through_deref() {
    let heap = heap();
    let offset = 10;
    let add: MyBox<dyn Fn(i32) -> i32, &Heap> =
        my_box_unsize!(MyBox::new_in(move |x| x + offset, &heap));
    assert_eq!(add(1), 11); // auto-deref in call position
    assert_eq!((*add)(2), 12);

    let mut total = 0;
    {
        let mut accumulate: MyBox<dyn FnMut(i32) + '_, &Heap> =
            my_box_unsize!(MyBox::new_in(|x| total += x, &heap));
        accumulate(3);
        accumulate(4);
    }
    assert_eq!(total, 7);

    // `dyn FnOnce` cannot be called from a `MyBox` on stable; a std `Box` can call it.
    let message = String::from("once");
    let once: MyBox<dyn FnOnce() -> String> = my_box_unsize!(MyBox::new(move || message));
    assert_eq!(MyBox::into_std_box(once)(), "once");
    // A sized closure can simply be moved out.
    let sized = MyBox::new(|| 5);
    assert_eq!(MyBox::into_inner(sized)(), 5);
    drop(add);
    heap.assert_no_leaks();
}

#[test]
fn dyn_any_downcasts() {
    let heap = heap();
    let counter = DropCounter::default();
    let any: MyBox<dyn Any, &Heap> = MyBox::into_dyn_any(MyBox::new_in(counter.token(), &heap));
    let any = any.downcast::<String>().unwrap_err();
    let token = any.downcast::<Token>().unwrap();
    assert_eq!(counter.drops(), 0);
    drop(token);
    assert_eq!(counter.drops(), 1);

    let send: MyBox<dyn Any + Send, &Heap> = my_box_unsize!(MyBox::new_in(5u32, &heap));
    let send = send.downcast::<i32>().unwrap_err();
    assert_eq!(*send.downcast::<u32>().unwrap(), 5);

    let sync: MyBox<dyn Any + Send + Sync> = my_box_unsize!(MyBox::new(String::from("s")));
    assert!(sync.is::<String>());
    assert_eq!(*sync.downcast::<String>().unwrap(), "s");

    let any: MyBox<dyn Any> = MyBox::into_dyn_any(MyBox::new([1u8; 3]));
    // SAFETY: the value is a `[u8; 3]`.
    let array = unsafe { any.downcast_unchecked::<[u8; 3]>() };
    assert_eq!(*array, [1; 3]);
    heap.assert_no_leaks();
}

#[derive(Debug)]
struct Inner;

impl Display for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("inner")
    }
}

impl Error for Inner {}

#[derive(Debug)]
struct Outer(Inner);

impl Display for Outer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("outer")
    }
}

impl Error for Outer {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.0)
    }
}

#[test]
fn dyn_error_from_question_mark_and_downcast() {
    fn parse(s: &str) -> Result<u8, MyBox<dyn Error>> {
        Ok(s.parse::<u8>()?)
    }
    fn parse_std(s: &str) -> Result<u8, Box<dyn Error>> {
        Ok(s.parse::<u8>()?)
    }
    for input in ["7", "300", "x", ""] {
        match (parse(input), parse_std(input)) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string());
                assert_eq!(format!("{a:?}"), format!("{b:?}"));
            }
            (a, b) => panic!("{input:?}: {a:?} vs {b:?}"),
        }
    }

    let err: MyBox<dyn Error> = MyBox::from(Outer(Inner));
    assert_eq!(err.source().unwrap().to_string(), "inner");
    let err = err.downcast::<Inner>().unwrap_err();
    let outer = err.downcast::<Outer>().unwrap();
    // `MyBox<E>` is itself an `Error` and forwards `source`.
    let as_error: &dyn Error = &outer;
    assert_eq!(as_error.source().unwrap().to_string(), "inner");

    let threadsafe: MyBox<dyn Error + Send + Sync> = MyBox::from(Inner);
    assert!(threadsafe.downcast::<Inner>().is_ok());
    let send_only: MyBox<dyn Error + Send> = my_box_unsize!(MyBox::new(Inner));
    assert!(send_only.downcast::<Outer>().is_err());
}

/// An error that still fills in the deprecated `description` and `cause`. std's `Box` of it
/// forwards `cause` but not `description` (which stays the trait's default text).
#[derive(Debug)]
struct OldStyle(Inner);

impl Display for OldStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("old style")
    }
}

#[allow(deprecated)]
impl Error for OldStyle {
    fn description(&self) -> &str {
        "described the old way"
    }

    fn cause(&self) -> Option<&dyn Error> {
        Some(&self.0)
    }
}

#[test]
#[allow(deprecated)]
fn a_boxed_error_forwards_the_deprecated_cause_but_not_description_like_std() {
    let (mine, theirs) = (MyBox::new(OldStyle(Inner)), Box::new(OldStyle(Inner)));
    let (mine, theirs): (&dyn Error, &dyn Error) = (&mine, &theirs);
    assert_eq!(mine.description(), theirs.description());
    assert_ne!(mine.description(), "described the old way");
    let cause = |e: &dyn Error| e.cause().map(|c| c.to_string());
    assert_eq!(cause(mine), cause(theirs));
    assert_eq!(cause(mine).as_deref(), Some("inner"));
}

#[test]
fn dyn_error_from_message_matches_std() {
    let mine = MyBox::<dyn Error>::from_message("disk full");
    let std_err: Box<dyn Error> = Box::from("disk full");
    assert_eq!(mine.to_string(), std_err.to_string());
    assert_eq!(format!("{mine:?}"), format!("{std_err:?}"));
    assert!(mine.source().is_none());

    let mine = MyBox::<dyn Error + Send + Sync>::from_message(String::from("late"));
    let std_err: Box<dyn Error + Send + Sync> = Box::from(String::from("late"));
    assert_eq!(format!("{mine} {mine:?}"), format!("{std_err} {std_err:?}"));
}

// ---------------------------------------------------------------------------------------------
// Allocation failure: every fallible constructor returns Err and leaks nothing
// ---------------------------------------------------------------------------------------------

#[test]
fn every_try_constructor_reports_refusal_and_leaks_nothing() {
    let checked = Checked::new(Failing::with_mode(Counting::new(Global), FailMode::From(0)));
    let counter = DropCounter::default();

    assert_eq!(
        MyBox::try_new_in(counter.token(), &checked).err(),
        Some(AllocError)
    );
    assert_eq!(counter.drops(), 1, "the value is dropped on failure");
    assert!(MyBox::<u64, _>::try_new_uninit_in(&checked).is_err());
    assert!(MyBox::<u64, _>::try_new_zeroed_in(&checked).is_err());
    assert!(MyBox::<[u64], _>::try_new_uninit_slice_in(4, &checked).is_err());
    assert!(MyBox::<[u64], _>::try_new_zeroed_slice_in(4, &checked).is_err());
    assert_eq!(checked.inner().requests(), 5);
    assert_eq!(checked.inner().failures(), 5);

    // Only allocations that need memory can fail.
    assert!(MyBox::try_new_in((), &checked).is_ok());
    assert!(MyBox::<[u8; 0], _>::try_new_zeroed_in(&checked).is_ok());
    assert!(MyBox::<[u64], _>::try_new_uninit_slice_in(0, &checked).is_ok());
    assert!(MyBox::<[()], _>::try_new_zeroed_slice_in(9, &checked).is_ok());
    assert_eq!(checked.inner().requests(), 5);

    // Fails the second request only: the first box lives on, correctly freed later.
    checked.inner().set_mode(FailMode::Nth(6));
    let first = MyBox::try_new_in(1u8, &checked).unwrap();
    assert!(MyBox::try_new_in(2u8, &checked).is_err());
    let third = MyBox::try_new_in(3u8, &checked).unwrap();
    drop((first, third));

    let snapshot = checked.inner().inner().snapshot();
    assert_eq!(snapshot.live_blocks, 0);
    assert_eq!(snapshot.allocations, snapshot.deallocations);
    checked.assert_no_leaks();
}

/// Runs in a child process (see the next test): an infallible constructor whose allocation is
/// refused must call `handle_alloc_error`, which prints std's message and aborts.
#[test]
#[ignore = "the child process of the next test, which starts it (with --ignored) and watches it abort"]
fn child_infallible_constructor_refused() {
    let Some(which) = std::env::var_os("BOXVEC_BOX_ABORT_CHILD") else {
        // Run by hand with `--ignored`: nothing to do outside the child process (aborting
        // here would end the whole test run).
        return;
    };
    let alloc = Failing::with_mode(Global, FailMode::From(0));
    match which.to_str().unwrap() {
        "new_in" => drop(MyBox::new_in(5u64, &alloc)),
        "new_uninit_in" => drop(MyBox::<u64, _>::new_uninit_in(&alloc)),
        "new_zeroed_in" => drop(MyBox::<u64, _>::new_zeroed_in(&alloc)),
        "new_uninit_slice_in" => drop(MyBox::<[u64], _>::new_uninit_slice_in(3, &alloc)),
        "new_zeroed_slice_in" => drop(MyBox::<[u64], _>::new_zeroed_slice_in(3, &alloc)),
        "clone" => {
            let b = MyBox::new_in(1u64, Failing::new(Global));
            MyBox::allocator(&b).set_mode(FailMode::From(0));
            drop(b.clone());
        }
        other => panic!("unknown constructor {other}"),
    }
    unreachable!("handle_alloc_error returned");
}

/// Miri cannot start processes, so this one test runs natively only; the fallible twins of
/// these constructors are checked under Miri above.
#[test]
#[cfg_attr(miri, ignore = "Miri cannot spawn the child process")]
fn infallible_constructors_abort_with_handle_alloc_error() {
    for (which, bytes) in [
        ("new_in", 8),
        ("new_uninit_in", 8),
        ("new_zeroed_in", 8),
        ("new_uninit_slice_in", 24),
        ("new_zeroed_slice_in", 24),
        ("clone", 8),
    ] {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "child_infallible_constructor_refused",
                "--nocapture",
            ])
            .env("BOXVEC_BOX_ABORT_CHILD", which)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{which}: the child must abort");
        assert!(
            stderr.contains(&format!("memory allocation of {bytes} bytes failed")),
            "{which}: stderr: {stderr}"
        );
    }
}

#[test]
fn global_try_constructors_succeed() {
    assert!(MyBox::<u8>::try_new_uninit().is_ok());
    assert!(MyBox::<u8>::try_new_zeroed().is_ok());
    assert!(MyBox::<[u8]>::try_new_uninit_slice(usize::MAX).is_err());
    assert!(MyBox::<[u16]>::try_new_zeroed_slice(usize::MAX / 2).is_err());
}

// ---------------------------------------------------------------------------------------------
// Forwarded traits
// ---------------------------------------------------------------------------------------------

#[test]
fn comparisons_and_hashes_are_by_value_like_std() {
    let state = RandomState::new();
    let values = [vec![], vec![1], vec![1, 2], vec![2]];
    for a in &values {
        for b in &values {
            let (ma, mb) = (MyBox::new(a.clone()), MyBox::new(b.clone()));
            let (sa, sb) = (Box::new(a.clone()), Box::new(b.clone()));
            assert_eq!(ma == mb, sa == sb);
            assert_eq!(ma != mb, sa != sb);
            assert_eq!(ma.cmp(&mb), sa.cmp(&sb));
            assert_eq!(ma.partial_cmp(&mb), sa.partial_cmp(&sb));
            assert_eq!(
                (ma < mb, ma <= mb, ma > mb, ma >= mb),
                (sa < sb, sa <= sb, sa > sb, sa >= sb)
            );
        }
        assert_eq!(
            state.hash_one(MyBox::new(a.clone())),
            state.hash_one(Box::new(a.clone()))
        );
    }
    let nan = MyBox::new(f64::NAN);
    assert_eq!(nan.partial_cmp(&nan), None);
}

#[test]
fn borrow_lets_sets_of_boxes_be_queried_by_value() {
    let mut set: HashSet<MyBox<str>> = HashSet::new();
    set.insert(MyBox::from("apple"));
    set.insert(MyBox::from("pear"));
    assert!(set.contains("apple"));
    assert!(!set.contains("plum"));
    let mut b = MyBox::new(5);
    *AsMut::<i32>::as_mut(&mut b) += 1;
    assert_eq!(*AsRef::<i32>::as_ref(&b), 6);
    *std::borrow::BorrowMut::<i32>::borrow_mut(&mut b) += 1;
    assert_eq!(*std::borrow::Borrow::<i32>::borrow(&b), 7);
}

#[test]
fn formatting_forwards_to_the_value() {
    let b = MyBox::new(3.5);
    assert_eq!(format!("{b} {b:?} {b:>6.2}"), "3.5 3.5   3.50");
    let ptr = MyBox::as_ptr(&b);
    assert_eq!(format!("{b:p}"), format!("{ptr:p}"));
}

#[test]
fn boxed_hasher_forwards_every_write() {
    let state = RandomState::new();
    let mut plain = state.build_hasher();
    let mut boxed: MyBox<dyn Hasher> = my_box_unsize!(MyBox::new(state.build_hasher()));
    for h in [&mut plain as &mut dyn Hasher, &mut boxed] {
        h.write(b"bytes");
        h.write_u8(1);
        h.write_u16(2);
        h.write_u32(3);
        h.write_u64(4);
        h.write_u128(5);
        h.write_usize(6);
        h.write_i8(-1);
        h.write_i16(-2);
        h.write_i32(-3);
        h.write_i64(-4);
        h.write_i128(-5);
        h.write_isize(-6);
    }
    assert_eq!(plain.finish(), boxed.finish());
}

#[test]
fn boxed_iterators_forward() {
    let heap = heap();
    let mut it: MyBox<dyn DoubleEndedIterator<Item = u32>, &Heap> =
        my_box_unsize!(MyBox::new_in(1..=10u32, &heap));
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next_back(), Some(10));
    assert_eq!(it.nth(1), Some(3));
    assert_eq!(it.nth_back(1), Some(8));
    assert_eq!(it.size_hint(), (4, Some(4)));
    assert_eq!(it.last(), Some(7));

    let exact = MyBox::new(vec![1, 2, 3].into_iter());
    assert_eq!(exact.len(), 3);
    assert_eq!(exact.rev().collect::<Vec<_>>(), [3, 2, 1]);

    fn fused<I: std::iter::FusedIterator>(_: &I) {}
    fused(&MyBox::new([1].into_iter()));

    let slice: MyBox<[u8]> = MyBox::from([1, 2, 3]);
    assert_eq!((&slice).into_iter().sum::<u8>(), 6);
    heap.assert_no_leaks();
}

#[test]
fn boxed_future_is_polled_through() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let mut fut: MyBox<dyn Future<Output = u8> + Unpin> =
        my_box_unsize!(MyBox::new(std::future::ready(9)));
    let mut cx = Context::from_waker(Waker::noop());
    assert_eq!(Pin::new(&mut fut).poll(&mut cx), Poll::Ready(9));
}

#[test]
fn boxed_allocator_is_an_allocator() {
    let heap = heap();
    let boxed_heap = MyBox::new(heap.clone());
    let b = MyBox::new_in(5u64, &boxed_heap);
    assert_eq!(heap.live_blocks(), 1);
    drop(b);
    heap.assert_no_leaks();
}

// ---------------------------------------------------------------------------------------------
// std's Box
// ---------------------------------------------------------------------------------------------

#[test]
fn std_box_round_trips_in_place() {
    let std_box = Box::new(String::from("s"));
    let addr = (&*std_box as *const String).addr();
    let mine: MyBox<String> = MyBox::from(std_box);
    assert_eq!(MyBox::as_ptr(&mine).addr(), addr);
    let back: Box<String> = MyBox::into_std_box(mine);
    assert_eq!((&*back as *const String).addr(), addr);

    let slice: MyBox<[u32]> = MyBox::from(vec![1, 2, 3].into_boxed_slice());
    assert_eq!(*slice, [1, 2, 3]);
    let slice_back = MyBox::into_std_box(slice);
    assert_eq!(*slice_back, [1, 2, 3]);

    let s: MyBox<str> = MyBox::from(String::from("str").into_boxed_str());
    assert_eq!(&*MyBox::into_std_box(s), "str");

    let dynamic: Box<dyn Display> = Box::new(7);
    let mine = MyBox::from_std_box(dynamic);
    assert_eq!(mine.to_string(), "7");
    drop(mine); // freed by `MyBox` with the layout std allocated

    let unit: MyBox<()> = MyBox::from(Box::new(()));
    drop(MyBox::into_std_box(unit));
    let mine_alloc = MyBox::new([5u64; 3]);
    drop(MyBox::into_std_box(mine_alloc)); // freed by std
}
