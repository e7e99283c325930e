import { defineMessages } from "~/i18n/catalogue";

/** Messages about uploaded photos and files; reused by needs, chat attachments and evidence. */
export const uploadsMessages = defineMessages(
  {
    "upload.error.empty": "照片文件是空的，请重新选择",
    "upload.error.too_large": "照片不能超过 {mb} MB",
    "upload.error.too_many_pixels": "照片尺寸太大，最多 {megapixels} 百万像素",
    "upload.error.unsupported_type": "只支持 JPG、PNG 或 WebP 格式的照片",
    "upload.error.too_many": "最多上传 {max} 张照片",
    "upload.error.field_too_large": "提交的文字内容太长",
    "upload.error.malformed": "上传没有完成，请重新提交",
    "upload.photos": "照片",
    "upload.photosHint": "最多 {max} 张，每张不超过 {mb} MB，支持 JPG、PNG、WebP",
  },
  {
    "upload.error.empty": "This photo file is empty; please choose it again",
    "upload.error.too_large": "A photo can be at most {mb} MB",
    "upload.error.too_many_pixels": "This photo is too large; at most {megapixels} megapixels",
    "upload.error.unsupported_type": "Only JPG, PNG or WebP photos are supported",
    "upload.error.too_many": "Upload at most {max} photos",
    "upload.error.field_too_large": "The text you sent is too long",
    "upload.error.malformed": "The upload did not finish; please send it again",
    "upload.photos": "Photos",
    "upload.photosHint": "Up to {max}, each at most {mb} MB; JPG, PNG or WebP",
  },
);
