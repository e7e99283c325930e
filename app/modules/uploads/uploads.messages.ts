/** Messages about uploaded photos and files; reused by needs, chat attachments and evidence. */
export const uploadsMessagesZh = {
  "upload.error.empty": "照片文件是空的，请重新选择",
  "upload.error.too_large": "照片不能超过 {mb} MB",
  "upload.error.too_many_pixels": "照片尺寸太大，最多 {megapixels} 百万像素",
  "upload.error.unsupported_type": "只支持 JPG、PNG 或 WebP 格式的照片",
  "upload.error.too_many": "最多上传 {max} 张照片",
  "upload.error.field_too_large": "提交的文字内容太长",
  "upload.error.malformed": "上传没有完成，请重新提交",
  "upload.photos": "照片",
  "upload.photosHint": "最多 {max} 张，每张不超过 {mb} MB，支持 JPG、PNG、WebP",
  "upload.progress.preparing": "正在准备上传…",
  "upload.progress.sending": "上传中 {percent}%",
  "upload.progress.dropped": "网络中断 — 已填写的内容都还在",
  "upload.progress.retry": "重试",
};
