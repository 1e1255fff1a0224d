#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shared::fuzz::knowledge_import(data));
