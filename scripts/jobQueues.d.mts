export declare const RUN_QUEUE: "vajra-runs";
export declare const TRIAL_QUEUE: "vajra-trials";
export declare function installJobQueues(url: string): Promise<void>;
