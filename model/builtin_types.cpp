#include "model/builtin_types.hpp"

#include <algorithm>
#include <iterator>

#include "model/types.hpp"

namespace ffigen::model {

namespace {

// Sorted by name (checked below) for binary search. The Windows names
// follow the Windows SDK's definitions (long is 32 bits there; spelled with
// C's own words so that they mean the same on every target).
constexpr BuiltinType kCommonTypes[] = {
    {"ATOM", "unsigned short"},
    {"BOOL", "int"},
    {"BOOLEAN", "unsigned char"},
    {"BYTE", "unsigned char"},
    {"CCHAR", "char"},
    {"CHAR", "char"},
    {"COLORREF", "unsigned long"},
    {"DWORD", "unsigned long"},
    {"DWORD32", "unsigned int"},
    {"DWORD64", "unsigned long long"},
    {"DWORDLONG", "unsigned long long"},
    {"DWORD_PTR", "uintptr_t"},
    {"FILE", "..."},
    {"FLOAT", "float"},
    {"HACCEL", "void *"},
    {"HALF_PTR", "int"},
    {"HANDLE", "void *"},
    {"HBITMAP", "void *"},
    {"HBRUSH", "void *"},
    {"HDC", "void *"},
    {"HFILE", "int"},
    {"HGLOBAL", "void *"},
    {"HICON", "void *"},
    {"HINSTANCE", "void *"},
    {"HKEY", "void *"},
    {"HLOCAL", "void *"},
    {"HMENU", "void *"},
    {"HMODULE", "void *"},
    {"HRESULT", "long"},
    {"HWND", "void *"},
    {"INT", "int"},
    {"INT16", "short"},
    {"INT32", "int"},
    {"INT64", "long long"},
    {"INT8", "signed char"},
    {"INT_PTR", "intptr_t"},
    {"LANGID", "unsigned short"},
    {"LCID", "unsigned long"},
    {"LONG", "long"},
    {"LONG32", "int"},
    {"LONG64", "long long"},
    {"LONGLONG", "long long"},
    {"LONG_PTR", "intptr_t"},
    {"LPARAM", "intptr_t"},
    {"LPBOOL", "int *"},
    {"LPBYTE", "unsigned char *"},
    {"LPCSTR", "const char *"},
    {"LPCVOID", "const void *"},
    {"LPCWSTR", "const wchar_t *"},
    {"LPDWORD", "unsigned long *"},
    {"LPHANDLE", "void * *"},
    {"LPINT", "int *"},
    {"LPLONG", "long *"},
    {"LPSTR", "char *"},
    {"LPVOID", "void *"},
    {"LPWORD", "unsigned short *"},
    {"LPWSTR", "wchar_t *"},
    {"LRESULT", "intptr_t"},
    {"PBOOL", "int *"},
    {"PBOOLEAN", "unsigned char *"},
    {"PBYTE", "unsigned char *"},
    {"PCHAR", "char *"},
    {"PCSTR", "const char *"},
    {"PCWSTR", "const wchar_t *"},
    {"PDWORD", "unsigned long *"},
    {"PFLOAT", "float *"},
    {"PHANDLE", "void * *"},
    {"PINT", "int *"},
    {"PLONG", "long *"},
    {"PSHORT", "short *"},
    {"PSIZE_T", "uintptr_t *"},
    {"PSTR", "char *"},
    {"PUCHAR", "unsigned char *"},
    {"PUINT", "unsigned int *"},
    {"PULONG", "unsigned long *"},
    {"PUSHORT", "unsigned short *"},
    {"PVOID", "void *"},
    {"PWCHAR", "wchar_t *"},
    {"PWORD", "unsigned short *"},
    {"PWSTR", "wchar_t *"},
    {"SHORT", "short"},
    {"SIZE_T", "uintptr_t"},
    {"SSIZE_T", "intptr_t"},
    {"UCHAR", "unsigned char"},
    {"UHALF_PTR", "unsigned int"},
    {"UINT", "unsigned int"},
    {"UINT16", "unsigned short"},
    {"UINT32", "unsigned int"},
    {"UINT64", "unsigned long long"},
    {"UINT8", "unsigned char"},
    {"UINT_PTR", "uintptr_t"},
    {"ULONG", "unsigned long"},
    {"ULONG32", "unsigned int"},
    {"ULONG64", "unsigned long long"},
    {"ULONGLONG", "unsigned long long"},
    {"ULONG_PTR", "uintptr_t"},
    {"USHORT", "unsigned short"},
    {"USN", "long long"},
    {"VOID", "void"},
    {"WCHAR", "wchar_t"},
    {"WORD", "unsigned short"},
    {"WPARAM", "uintptr_t"},
    {"bool", "_Bool"},
};

constexpr bool sorted() {
    for (std::size_t i = 1; i < std::size(kCommonTypes); ++i)
        if (!(kCommonTypes[i - 1].name < kCommonTypes[i].name)) return false;
    return true;
}
static_assert(sorted(), "kCommonTypes must be sorted by name");

}  // namespace

std::optional<BuiltinType> builtin_type(std::string_view name) {
    auto end = std::end(kCommonTypes);
    auto it = std::lower_bound(std::begin(kCommonTypes), end, name,
                               [](const BuiltinType& b, std::string_view n) { return b.name < n; });
    if (it != end && it->name == name) return *it;
    if (name.ends_with("_t") && prim_by_name(name)) return BuiltinType{name, name};
    return std::nullopt;
}

bool is_builtin_type_name(std::string_view name) { return builtin_type(name).has_value(); }

}  // namespace ffigen::model
