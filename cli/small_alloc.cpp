// ffigen's operator new and delete: size-class free lists in front of malloc.
//
// An ffigen run is short and makes a few hundred thousand small allocations
// (AST nodes, names, vectors of a few elements) that mostly die within the
// declaration that made them. glibc's malloc spent about a fifth of the
// instructions of `ffigen check` on big.cdef; popping and pushing a free
// list costs a handful. Memory goes back to a list, never to the system:
// the process ends soon, and the lists bound the footprint to the peak.
//
// Every block starts with a 16-byte header (the default new alignment)
// holding its size class, so that unsized delete works too; class 0 marks a
// large block that came straight from malloc. The lists are per thread:
// no locks, and a block freed on another thread joins that thread's list.
#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kGranule = 16;  // __STDCPP_DEFAULT_NEW_ALIGNMENT__
constexpr std::size_t kClasses = 257;  // classes 1..256: blocks of up to 4 KiB
constexpr std::size_t kChunkBytes = 256 * 1024;

struct FreeBlock {
    FreeBlock* next;
};

struct alignas(kGranule) Header {
    std::size_t size_class;
};
static_assert(sizeof(Header) == kGranule);

struct ThreadLists {
    FreeBlock* free[kClasses];
    char* chunk_next;  // the rest of the current chunk, carved on demand
    char* chunk_end;
};
thread_local ThreadLists lists;  // zero-initialised: no constructor runs

// Large blocks (the source text, token and output buffers, growing
// vectors) come from malloc. By default glibc maps each one above 128 KiB
// afresh and unmaps it when freed, so the next one faults in new pages
// (about 0.9 us a page on a virtual machine); kept in the heap, freed
// blocks are reused (measured: `generate` of big.cdef, 2,811 -> 2,565 page
// faults, 1 ms less).
const bool large_blocks_stay_in_heap = [] {
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    return true;
}();

void* allocate_large(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) - sizeof(Header)) return nullptr;
    auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + n));
    if (!h) return nullptr;
    h->size_class = 0;
    return h + 1;
}

void* carve(std::size_t size_class) {
    const std::size_t bytes = sizeof(Header) + size_class * kGranule;
    if (static_cast<std::size_t>(lists.chunk_end - lists.chunk_next) < bytes) {
        auto* chunk = static_cast<char*>(std::malloc(kChunkBytes));
        if (!chunk) return nullptr;
        lists.chunk_next = chunk;
        lists.chunk_end = chunk + kChunkBytes;
    }
    auto* h = reinterpret_cast<Header*>(lists.chunk_next);
    lists.chunk_next += bytes;
    h->size_class = size_class;
    return h + 1;
}

void* allocate(std::size_t n) noexcept {
    const std::size_t size_class = n == 0 ? 1 : (n + kGranule - 1) / kGranule;
    if (size_class >= kClasses) return allocate_large(n);
    if (FreeBlock* b = lists.free[size_class]) {
        lists.free[size_class] = b->next;
        return b;
    }
    return carve(size_class);
}

void deallocate(void* p) noexcept {
    if (!p) return;
    Header* h = static_cast<Header*>(p) - 1;
    if (h->size_class == 0) {
        std::free(h);
        return;
    }
    auto* b = static_cast<FreeBlock*>(p);
    b->next = lists.free[h->size_class];
    lists.free[h->size_class] = b;
}

void* allocate_or_throw(std::size_t n) {
    void* p = allocate(n);
    if (!p) throw std::bad_alloc();
    return p;
}

}  // namespace

void* operator new(std::size_t n) { return allocate_or_throw(n); }
void* operator new[](std::size_t n) { return allocate_or_throw(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }
