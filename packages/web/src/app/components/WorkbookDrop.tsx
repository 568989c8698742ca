// The drop zone of every spreadsheet import: one .xlsx file, handed to the wizard (never uploaded by antd itself).
import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

export function WorkbookDrop(props: { disabled: boolean; onFile: (file: File) => void; text: string; hint: string; testId: string }) {
  return (
    <div data-testid={props.testId}>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={props.disabled}
        beforeUpload={(f) => {
          props.onFile(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{props.text}</p>
        <p className="ant-upload-hint">{props.hint}</p>
      </Upload.Dragger>
    </div>
  );
}
