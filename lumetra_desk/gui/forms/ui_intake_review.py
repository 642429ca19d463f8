# Generated from ui/intake_review.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy,
    QSplitter, QTableView, QVBoxLayout, QWidget)

class Ui_IntakeReview(object):
    def setupUi(self, IntakeReview):
        if not IntakeReview.objectName():
            IntakeReview.setObjectName(u"IntakeReview")
        self.intakeLayout = QVBoxLayout(IntakeReview)
        self.intakeLayout.setObjectName(u"intakeLayout")
        self.intakeHint = QLabel(IntakeReview)
        self.intakeHint.setObjectName(u"intakeHint")
        self.intakeHint.setWordWrap(True)

        self.intakeLayout.addWidget(self.intakeHint)

        self.intakeSplitter = QSplitter(IntakeReview)
        self.intakeSplitter.setObjectName(u"intakeSplitter")
        self.intakeSplitter.setOrientation(Qt.Orientation.Horizontal)
        self.intakeSplitter.setChildrenCollapsible(False)
        self.pendingTable = QTableView(self.intakeSplitter)
        self.pendingTable.setObjectName(u"pendingTable")
        self.pendingTable.setAlternatingRowColors(True)
        self.pendingTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pendingTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pendingTable.setWordWrap(False)
        self.intakeSplitter.addWidget(self.pendingTable)
        self.detailPane = QWidget(self.intakeSplitter)
        self.detailPane.setObjectName(u"detailPane")
        self.detailLayout = QVBoxLayout(self.detailPane)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailLayout.setContentsMargins(0, 0, 0, 0)
        self.headerLabel = QLabel(self.detailPane)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setWordWrap(True)
        self.headerLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.detailLayout.addWidget(self.headerLabel)

        self.classificationLabel = QLabel(self.detailPane)
        self.classificationLabel.setObjectName(u"classificationLabel")
        self.classificationLabel.setWordWrap(True)

        self.detailLayout.addWidget(self.classificationLabel)

        self.evidenceList = QListWidget(self.detailPane)
        self.evidenceList.setObjectName(u"evidenceList")
        self.evidenceList.setMaximumSize(QSize(16777215, 120))

        self.detailLayout.addWidget(self.evidenceList)

        self.bodyView = QPlainTextEdit(self.detailPane)
        self.bodyView.setObjectName(u"bodyView")
        self.bodyView.setReadOnly(True)

        self.detailLayout.addWidget(self.bodyView)

        self.correctionBox = QGroupBox(self.detailPane)
        self.correctionBox.setObjectName(u"correctionBox")
        self.correctionLayout = QHBoxLayout(self.correctionBox)
        self.correctionLayout.setObjectName(u"correctionLayout")
        self.typeList = QListWidget(self.correctionBox)
        self.typeList.setObjectName(u"typeList")
        self.typeList.setMaximumSize(QSize(16777215, 110))

        self.correctionLayout.addWidget(self.typeList)

        self.correctionSide = QVBoxLayout()
        self.correctionSide.setObjectName(u"correctionSide")
        self.correctJurisdiction = QComboBox(self.correctionBox)
        self.correctJurisdiction.setObjectName(u"correctJurisdiction")

        self.correctionSide.addWidget(self.correctJurisdiction)

        self.applyCorrectionButton = QPushButton(self.correctionBox)
        self.applyCorrectionButton.setObjectName(u"applyCorrectionButton")

        self.correctionSide.addWidget(self.applyCorrectionButton)


        self.correctionLayout.addLayout(self.correctionSide)


        self.detailLayout.addWidget(self.correctionBox)

        self.reviewButtons = QHBoxLayout()
        self.reviewButtons.setObjectName(u"reviewButtons")
        self.acceptButton = QPushButton(self.detailPane)
        self.acceptButton.setObjectName(u"acceptButton")

        self.reviewButtons.addWidget(self.acceptButton)

        self.correctButton = QPushButton(self.detailPane)
        self.correctButton.setObjectName(u"correctButton")

        self.reviewButtons.addWidget(self.correctButton)

        self.mergeButton = QPushButton(self.detailPane)
        self.mergeButton.setObjectName(u"mergeButton")

        self.reviewButtons.addWidget(self.mergeButton)

        self.dismissButton = QPushButton(self.detailPane)
        self.dismissButton.setObjectName(u"dismissButton")

        self.reviewButtons.addWidget(self.dismissButton)


        self.detailLayout.addLayout(self.reviewButtons)

        self.intakeSplitter.addWidget(self.detailPane)

        self.intakeLayout.addWidget(self.intakeSplitter)

        self.intakeLayout.setStretch(1, 1)

        self.retranslateUi(IntakeReview)

        self.applyCorrectionButton.setDefault(True)


        QMetaObject.connectSlotsByName(IntakeReview)
    # setupUi

    def retranslateUi(self, IntakeReview):
        self.intakeHint.setText(QCoreApplication.translate("IntakeReview", u"New mail to review. A accept \u00b7 C correct \u00b7 M merge into a case \u00b7 D dismiss as not a request. Drop .eml or .mbox files anywhere on the window to import them.", None))
#if QT_CONFIG(accessibility)
        self.pendingTable.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Mail waiting for review", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.headerLabel.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Message header", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.classificationLabel.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Classification", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.evidenceList.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Evidence for the classification", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.bodyView.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Message text", None))
#endif // QT_CONFIG(accessibility)
        self.correctionBox.setTitle(QCoreApplication.translate("IntakeReview", u"Correction (kept as the officer's override)", None))
#if QT_CONFIG(accessibility)
        self.typeList.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Request types", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.correctJurisdiction.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Jurisdiction", None))
#endif // QT_CONFIG(accessibility)
        self.applyCorrectionButton.setText(QCoreApplication.translate("IntakeReview", u"Apply correction", None))
#if QT_CONFIG(accessibility)
        self.applyCorrectionButton.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Apply the correction", None))
#endif // QT_CONFIG(accessibility)
        self.acceptButton.setText(QCoreApplication.translate("IntakeReview", u"&Accept (A)", None))
#if QT_CONFIG(accessibility)
        self.acceptButton.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Accept as a request", None))
#endif // QT_CONFIG(accessibility)
        self.correctButton.setText(QCoreApplication.translate("IntakeReview", u"C&orrect (C)", None))
#if QT_CONFIG(accessibility)
        self.correctButton.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Correct the classification", None))
#endif // QT_CONFIG(accessibility)
        self.mergeButton.setText(QCoreApplication.translate("IntakeReview", u"&Merge (M)", None))
#if QT_CONFIG(accessibility)
        self.mergeButton.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Merge into an existing case", None))
#endif // QT_CONFIG(accessibility)
        self.dismissButton.setText(QCoreApplication.translate("IntakeReview", u"Di&smiss (D)", None))
#if QT_CONFIG(accessibility)
        self.dismissButton.setAccessibleName(QCoreApplication.translate("IntakeReview", u"Dismiss as not a request", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
