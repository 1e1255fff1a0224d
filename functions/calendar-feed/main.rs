shared::lambda_http_main!(Public, feeds::feed);
