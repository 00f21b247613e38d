import config from "@taizhang/eslint-config";

export default config;
