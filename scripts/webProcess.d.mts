export declare const WEB_PROCESS_ARGS: string[];
